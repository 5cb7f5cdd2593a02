using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// A pointwise layer on the GPU: pointwise.comp, the variant's PIX pixels × SLICE_BLOCK output slices
/// per invocation (each input vec4 feeds SLICE_BLOCK mat4 products and each mat4 PIX pixels).
/// </summary>
public sealed class PointwisePass : IGpuPass
{
    private const int LocalX = 64;
    private readonly int _pixels, _sliceBlock;
    private readonly GpuDevice _device;
    private readonly LayerWeights _weights;
    private readonly SizedProgram _program;

    /// <summary>Packs <paramref name="layer"/>'s weights into GPU buffers; <paramref name="variant"/> defaults to the first pointwise one.</summary>
    public PointwisePass(GpuDevice device, ShaderLibrary shaders, ConvLayer layer, ShaderVariant? variant = null)
    {
        if (layer.Kind != ConvKind.Pointwise) throw new ArgumentException($"layer '{layer.Name}' is {layer.Kind}, not pointwise");
        Variant = variant ?? ShaderVariants.Default(GpuPassKind.Pointwise);
        (_pixels, _sliceBlock) = (Variant.PixelsX, Variant.SliceBlock);
        _device = device;
        _program = new SizedProgram(shaders, ShaderFile);
        Layer = layer;
        int slices = ComputeDispatch.Groups(Pack4.Slices(layer.OutChannels), _sliceBlock) * _sliceBlock;
        _weights = LayerWeights.Dense(device, layer, slices);
    }

    /// <inheritdoc />
    public ConvLayer Layer { get; }

    /// <summary>The pixels × slices per invocation.</summary>
    public ShaderVariant Variant { get; }

    /// <inheritdoc />
    public string ShaderFile => "pointwise.comp";

    /// <inheritdoc />
    public void Encode(GpuFeatureMap input, GpuFeatureMap output)
    {
        GpuShapes.Check(Layer, input, output);
        if (_program.NeedsDefines(input.Height, input.Width))
        {
            _program.Define(input.Height, input.Width, new Dictionary<string, int>
            {
                ["IN_W"] = input.Width, ["IN_H"] = input.Height, ["IN_SLICES"] = input.Slices,
                ["OUT_W"] = output.Width, ["OUT_H"] = output.Height, ["OUT_SLICES"] = output.Slices,
                ["STRIDE"] = Layer.Stride, ["PIX"] = _pixels, ["SLICE_BLOCK"] = _sliceBlock, ["LOCAL_X"] = LocalX,
                ["HAS_BIAS"] = Layer.HasBias ? 1 : 0, ["ACTIVATION"] = (int)Layer.Activation,
            });
        }
        var program = _program.Program;
        input.Buffer.Bind(0);
        output.Buffer.Bind(1);
        _weights.Bind();
        int groups = ComputeDispatch.Groups(ComputeDispatch.Groups(output.Width * output.Height, _pixels), LocalX);
        ComputeDispatch.Run(_device, program, groups, ComputeDispatch.Groups(output.Slices, _sliceBlock), 1, Layer.Name);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _weights.Dispose();
    }
}
