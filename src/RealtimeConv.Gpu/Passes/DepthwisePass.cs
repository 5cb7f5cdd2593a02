using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// A depthwise layer on the GPU: pad.comp, then depthwise.comp over the variant's PIX_X × PIX_Y tiles
/// (each weight load serves PIX_X pixels, each loaded input row up to PIX_Y output rows).
/// </summary>
public sealed class DepthwisePass : IGpuPass
{
    private const int LocalX = 8, LocalY = 8;
    private readonly int _pixelsX, _pixelsY;
    private readonly GpuDevice _device;
    private readonly LayerWeights _weights;
    private readonly PaddedInput _padded;
    private readonly SizedProgram _program;

    /// <summary>Packs <paramref name="layer"/>'s weights into GPU buffers; <paramref name="variant"/> defaults to the first depthwise one.</summary>
    public DepthwisePass(GpuDevice device, ShaderLibrary shaders, ConvLayer layer, ShaderVariant? variant = null)
    {
        if (layer.Kind != ConvKind.Depthwise) throw new ArgumentException($"layer '{layer.Name}' is {layer.Kind}, not depthwise");
        Variant = variant ?? ShaderVariants.Default(GpuPassKind.Depthwise);
        (_pixelsX, _pixelsY) = (Variant.PixelsX, Variant.PixelsY);
        _device = device;
        _program = new SizedProgram(shaders, ShaderFile);
        Layer = layer;
        _weights = LayerWeights.Depthwise(device, layer);
        _padded = new PaddedInput(device, shaders, layer.Name + ".padded");
    }

    /// <inheritdoc />
    public ConvLayer Layer { get; }

    /// <summary>The output tile per invocation.</summary>
    public ShaderVariant Variant { get; }

    /// <inheritdoc />
    public string ShaderFile => "depthwise.comp";

    /// <inheritdoc />
    public void Encode(GpuFeatureMap input, GpuFeatureMap output)
    {
        GpuShapes.Check(Layer, input, output);
        int k = Layer.Kernel, s = Layer.Stride;
        int tilesX = ComputeDispatch.Groups(output.Width, _pixelsX), tilesY = ComputeDispatch.Groups(output.Height, _pixelsY);
        // The last tile's last pixel reads padded column (tilesX·PIX_X − 1)·s + K − 1.
        int padW = (tilesX * _pixelsX - 1) * s + k, padH = (tilesY * _pixelsY - 1) * s + k;
        _padded.Encode(input, Layer.Padding, padW, padH);

        if (_program.NeedsDefines(input.Height, input.Width))
        {
            _program.Define(input.Height, input.Width, new Dictionary<string, int>
            {
                ["K"] = k, ["STRIDE"] = s, ["PAD_W"] = padW, ["PAD_H"] = padH,
                ["OUT_W"] = output.Width, ["OUT_H"] = output.Height, ["OUT_SLICES"] = output.Slices,
                ["IN_CHANNELS"] = Layer.InChannels, ["MULTIPLIER"] = Layer.Multiplier,
                ["PIX_X"] = _pixelsX, ["PIX_Y"] = _pixelsY, ["LOCAL_X"] = LocalX, ["LOCAL_Y"] = LocalY,
                ["HAS_BIAS"] = Layer.HasBias ? 1 : 0, ["ACTIVATION"] = (int)Layer.Activation,
            });
        }
        var program = _program.Program;
        _padded.Map.Buffer.Bind(0);
        output.Buffer.Bind(1);
        _weights.Bind();
        ComputeDispatch.Run(_device, program, ComputeDispatch.Groups(tilesX, LocalX), ComputeDispatch.Groups(tilesY, LocalY), output.Slices, Layer.Name);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _weights.Dispose();
        _padded.Dispose();
    }
}
