using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>A depthwise layer on the GPU: pad.comp, then depthwise.comp over PIX_X × PIX_Y tiles.</summary>
public sealed class DepthwisePass : IGpuPass
{
    /// <summary>
    /// Output tile per invocation: each weight load serves 16 pixels and each loaded input row up to
    /// two output rows. llvmpipe, 32 channels at 256×256, K = 3 (pad pass included): 4×2 ran in
    /// ~61–75 ms, 8×2 in ~49 ms, 8×4 in ~76 ms (register pressure).
    /// </summary>
    public const int PixelsX = 8, PixelsY = 2;

    private const int LocalX = 8, LocalY = 8;
    private readonly GpuDevice _device;
    private readonly ShaderLibrary _shaders;
    private readonly GlBuffer _weights;
    private readonly GlBuffer? _bias;
    private readonly PaddedInput _padded;
    private ShaderDefines? _defines;
    private (int H, int W) _definedFor;

    /// <summary>Packs <paramref name="layer"/>'s weights into GPU buffers.</summary>
    public DepthwisePass(GpuDevice device, ShaderLibrary shaders, ConvLayer layer)
    {
        if (layer.Kind != ConvKind.Depthwise) throw new ArgumentException($"layer '{layer.Name}' is {layer.Kind}, not depthwise");
        _device = device;
        _shaders = shaders;
        Layer = layer;
        _weights = GlBuffer.FromData(device, WeightPacking.Depthwise(layer), layer.Name + ".weights");
        _bias = layer.HasBias ? GlBuffer.FromData(device, WeightPacking.Bias(layer, Pack4.Slices(layer.OutChannels)), layer.Name + ".bias") : null;
        _padded = new PaddedInput(device, shaders, layer.Name + ".padded");
    }

    /// <inheritdoc />
    public ConvLayer Layer { get; }

    /// <inheritdoc />
    public string ShaderFile => "depthwise.comp";

    /// <inheritdoc />
    public void Encode(GpuFeatureMap input, GpuFeatureMap output)
    {
        GpuShapes.Check(Layer, input, output);
        int k = Layer.Kernel, s = Layer.Stride;
        int tilesX = ComputeDispatch.Groups(output.Width, PixelsX), tilesY = ComputeDispatch.Groups(output.Height, PixelsY);
        // The last tile's last pixel reads padded column (tilesX·PIX_X − 1)·s + K − 1.
        int padW = (tilesX * PixelsX - 1) * s + k, padH = (tilesY * PixelsY - 1) * s + k;
        _padded.Encode(input, Layer.Padding, padW, padH);

        if (_defines is null || _definedFor != (input.Height, input.Width))
        {
            _definedFor = (input.Height, input.Width);
            _defines = new ShaderDefines(new Dictionary<string, int>
            {
                ["K"] = k, ["STRIDE"] = s, ["PAD_W"] = padW, ["PAD_H"] = padH,
                ["OUT_W"] = output.Width, ["OUT_H"] = output.Height, ["OUT_SLICES"] = output.Slices,
                ["IN_CHANNELS"] = Layer.InChannels, ["MULTIPLIER"] = Layer.Multiplier,
                ["PIX_X"] = PixelsX, ["PIX_Y"] = PixelsY, ["LOCAL_X"] = LocalX, ["LOCAL_Y"] = LocalY,
                ["HAS_BIAS"] = Layer.HasBias ? 1 : 0, ["ACTIVATION"] = (int)Layer.Activation,
            });
        }
        var program = _shaders.Get(ShaderFile, _defines);
        _padded.Map.Buffer.Bind(0);
        output.Buffer.Bind(1);
        _weights.Bind(2);
        _bias?.Bind(3);
        ComputeDispatch.Run(_device, program, ComputeDispatch.Groups(tilesX, LocalX), ComputeDispatch.Groups(tilesY, LocalY), output.Slices, Layer.Name);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _weights.Dispose();
        _bias?.Dispose();
        _padded.Dispose();
    }
}
