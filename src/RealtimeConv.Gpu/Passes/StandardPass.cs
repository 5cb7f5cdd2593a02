using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// A standard K×K layer on the GPU: pad.comp, then standard.comp over the variant's PIX_X pixels of a
/// row × SLICE_BLOCK output slices per invocation (the pointwise trade-off, per tap).
/// </summary>
public sealed class StandardPass : IGpuPass
{
    private const int LocalX = 8, LocalY = 8;
    private readonly int _pixelsX, _sliceBlock;
    private readonly GpuDevice _device;
    private readonly LayerWeights _weights;
    private readonly PaddedInput _padded;
    private readonly SizedProgram _program;

    /// <summary>Packs <paramref name="layer"/>'s weights into GPU buffers; <paramref name="variant"/> defaults to the first standard one.</summary>
    public StandardPass(GpuDevice device, ShaderLibrary shaders, ConvLayer layer, ShaderVariant? variant = null)
    {
        if (layer.Kind != ConvKind.Standard) throw new ArgumentException($"layer '{layer.Name}' is {layer.Kind}, not standard");
        Variant = variant ?? ShaderVariants.Default(GpuPassKind.Standard);
        (_pixelsX, _sliceBlock) = (Variant.PixelsX, Variant.SliceBlock);
        _device = device;
        _program = new SizedProgram(shaders, ShaderFile);
        Layer = layer;
        int slices = ComputeDispatch.Groups(Pack4.Slices(layer.OutChannels), _sliceBlock) * _sliceBlock;
        _weights = LayerWeights.Dense(device, layer, slices);
        _padded = new PaddedInput(device, shaders, layer.Name + ".padded");
    }

    /// <inheritdoc />
    public ConvLayer Layer { get; }

    /// <summary>The pixels × slices per invocation.</summary>
    public ShaderVariant Variant { get; }

    /// <inheritdoc />
    public string ShaderFile => "standard.comp";

    /// <inheritdoc />
    public void Encode(GpuFeatureMap input, GpuFeatureMap output)
    {
        GpuShapes.Check(Layer, input, output);
        int k = Layer.Kernel, s = Layer.Stride;
        int tilesX = ComputeDispatch.Groups(output.Width, _pixelsX);
        int padW = (tilesX * _pixelsX - 1) * s + k, padH = (output.Height - 1) * s + k;
        _padded.Encode(input, Layer.Padding, padW, padH);

        if (_program.NeedsDefines(input.Height, input.Width))
        {
            _program.Define(input.Height, input.Width, new Dictionary<string, int>
            {
                ["K"] = k, ["STRIDE"] = s, ["PAD_W"] = padW, ["PAD_H"] = padH, ["IN_SLICES"] = input.Slices,
                ["OUT_W"] = output.Width, ["OUT_H"] = output.Height, ["OUT_SLICES"] = output.Slices,
                ["PIX_X"] = _pixelsX, ["SLICE_BLOCK"] = _sliceBlock, ["LOCAL_X"] = LocalX, ["LOCAL_Y"] = LocalY,
                ["HAS_BIAS"] = Layer.HasBias ? 1 : 0, ["ACTIVATION"] = (int)Layer.Activation,
            });
        }
        var program = _program.Program;
        _padded.Map.Buffer.Bind(0);
        output.Buffer.Bind(1);
        _weights.Bind();
        ComputeDispatch.Run(_device, program, ComputeDispatch.Groups(tilesX, LocalX), ComputeDispatch.Groups(output.Height, LocalY),
            ComputeDispatch.Groups(output.Slices, _sliceBlock), Layer.Name);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _weights.Dispose();
        _padded.Dispose();
    }
}
