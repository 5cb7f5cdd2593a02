using RealtimeConv.Algebra;
using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// A depthwise layer and the pointwise layer after it as one pass on the GPU: pad.comp, then
/// separable.comp, which keeps the intermediate in registers (see the shader's header). Only for thin
/// layers (<see cref="CanFuse"/>): every invocation holds all output slices of its tile.
/// </summary>
public sealed class SeparablePass : IGpuPass
{
    /// <summary>
    /// Widest intermediate and output the fused shader takes: 8 slices of accumulators per pixel are
    /// what a GPU's registers (and llvmpipe's) hold without spilling; wider layers run unfused.
    /// </summary>
    public const int MaxChannels = 32;

    private const int LocalX = 8, LocalY = 8;
    private readonly GpuDevice _device;
    private readonly GlBuffer _dwWeights, _pwWeights;
    private readonly GlBuffer? _dwBias, _pwBias;
    private readonly PaddedInput _padded;
    private readonly SizedProgram _program;

    /// <summary>Packs both layers' weights; <paramref name="variant"/> defaults to the first fused one.</summary>
    /// <exception cref="ArgumentException">The pair cannot fuse (<see cref="WhyNot"/> says why).</exception>
    public SeparablePass(GpuDevice device, ShaderLibrary shaders, ConvLayer depthwise, ConvLayer pointwise, ShaderVariant? variant = null)
    {
        if (WhyNot(depthwise, pointwise) is { } reason) throw new ArgumentException($"layers '{depthwise.Name}' and '{pointwise.Name}' cannot fuse: {reason}");
        _device = device;
        _program = new SizedProgram(shaders, ShaderFile);
        Depthwise = depthwise;
        Pointwise = pointwise;
        Variant = variant ?? ShaderVariants.Default(GpuPassKind.Separable);
        Layer = Describe(depthwise, pointwise);
        int midSlices = Pack4.Slices(depthwise.OutChannels), outSlices = Pack4.Slices(pointwise.OutChannels);
        _dwWeights = GlBuffer.FromData(device, WeightPacking.Depthwise(depthwise), depthwise.Name + ".weights");
        _dwBias = depthwise.HasBias ? GlBuffer.FromData(device, WeightPacking.Bias(depthwise, midSlices), depthwise.Name + ".bias") : null;
        _pwWeights = GlBuffer.FromData(device, WeightPacking.Dense(pointwise, outSlices), pointwise.Name + ".weights");
        _pwBias = pointwise.HasBias ? GlBuffer.FromData(device, WeightPacking.Bias(pointwise, outSlices), pointwise.Name + ".bias") : null;
        _padded = new PaddedInput(device, shaders, depthwise.Name + ".padded");
    }

    /// <summary>The depthwise layer (first).</summary>
    public ConvLayer Depthwise { get; }

    /// <summary>The pointwise layer (second).</summary>
    public ConvLayer Pointwise { get; }

    /// <summary>
    /// The pair's shape as one standard layer: the depthwise input channels, the pointwise output
    /// channels, K and the depthwise stride. Its weights are the composition P·D (exactly the pair when
    /// the depthwise has no activation); the pass itself computes the two layers, activations included.
    /// </summary>
    public ConvLayer Layer { get; }

    /// <summary>The output tile per invocation.</summary>
    public ShaderVariant Variant { get; }

    /// <inheritdoc />
    public string ShaderFile => "separable.comp";

    /// <summary>Whether <paramref name="depthwise"/> then <paramref name="pointwise"/> can run as one fused pass.</summary>
    public static bool CanFuse(ConvLayer depthwise, ConvLayer pointwise) => WhyNot(depthwise, pointwise) is null;

    /// <summary>Why the pair cannot fuse, or null when it can.</summary>
    public static string? WhyNot(ConvLayer depthwise, ConvLayer pointwise)
    {
        if (depthwise.Kind != ConvKind.Depthwise) return $"'{depthwise.Name}' is not depthwise";
        if (pointwise.Kind != ConvKind.Pointwise) return $"'{pointwise.Name}' is not pointwise";
        if (pointwise.InChannels != depthwise.OutChannels) return $"'{pointwise.Name}' takes {pointwise.InChannels} channels, '{depthwise.Name}' makes {depthwise.OutChannels}";
        if (pointwise.Stride != 1) return $"'{pointwise.Name}' has stride {pointwise.Stride}";
        if (depthwise.OutChannels > MaxChannels || pointwise.OutChannels > MaxChannels)
            return $"{depthwise.OutChannels} → {pointwise.OutChannels} channels; the fused shader takes at most {MaxChannels}";
        return null;
    }

    /// <inheritdoc />
    public void Encode(GpuFeatureMap input, GpuFeatureMap output)
    {
        GpuShapes.Check(Layer, input, output);
        int k = Depthwise.Kernel, s = Depthwise.Stride, pixelsX = Variant.PixelsX, pixelsY = Variant.PixelsY;
        int tilesX = ComputeDispatch.Groups(output.Width, pixelsX), tilesY = ComputeDispatch.Groups(output.Height, pixelsY);
        // The last tile's last pixel reads padded column (tilesX·PIX_X − 1)·s + K − 1.
        int padW = (tilesX * pixelsX - 1) * s + k, padH = (tilesY * pixelsY - 1) * s + k;
        _padded.Encode(input, Depthwise.Padding, padW, padH);

        if (_program.NeedsDefines(input.Height, input.Width))
        {
            _program.Define(input.Height, input.Width, new Dictionary<string, int>
            {
                ["K"] = k, ["STRIDE"] = s, ["PAD_W"] = padW, ["PAD_H"] = padH, ["OUT_W"] = output.Width, ["OUT_H"] = output.Height,
                ["IN_CHANNELS"] = Depthwise.InChannels, ["MULTIPLIER"] = Depthwise.Multiplier,
                ["MID_SLICES"] = Pack4.Slices(Depthwise.OutChannels), ["OUT_SLICES"] = output.Slices,
                ["PIX_X"] = pixelsX, ["PIX_Y"] = pixelsY, ["LOCAL_X"] = LocalX, ["LOCAL_Y"] = LocalY,
                ["DW_BIAS"] = Depthwise.HasBias ? 1 : 0, ["DW_ACTIVATION"] = (int)Depthwise.Activation,
                ["HAS_BIAS"] = Pointwise.HasBias ? 1 : 0, ["ACTIVATION"] = (int)Pointwise.Activation,
            });
        }
        var program = _program.Program;
        _padded.Map.Buffer.Bind(0);
        output.Buffer.Bind(1);
        _dwWeights.Bind(2);
        _dwBias?.Bind(3);
        _pwWeights.Bind(4);
        _pwBias?.Bind(5);
        ComputeDispatch.Run(_device, program, ComputeDispatch.Groups(tilesX, LocalX), ComputeDispatch.Groups(tilesY, LocalY), 1, Layer.Name);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dwWeights.Dispose();
        _dwBias?.Dispose();
        _pwWeights.Dispose();
        _pwBias?.Dispose();
        _padded.Dispose();
    }

    private static ConvLayer Describe(ConvLayer depthwise, ConvLayer pointwise) =>
        SeparableAlgebra.Compose(depthwise.WithActivation(Activation.None), pointwise, depthwise.Name + "+" + pointwise.Name);
}
