namespace RealtimeConv.Layers;

/// <summary>
/// An immutable, validated convolution layer: kind, shape, weights, bias and activation.
/// Executors (CPU kernels, GPU passes) take it and own whatever they derive from it.
/// </summary>
/// <remarks>
/// <para>Weights are stored in ONNX/PyTorch order, <c>[OutChannels][InChannels / Groups][K][K]</c>:</para>
/// <list type="bullet">
/// <item>standard: <c>W[n][m][ky][kx]</c>, groups = 1;</item>
/// <item>depthwise with multiplier d: <c>D[m·d + j][0][ky][kx]</c>, groups = M, output channel
/// <c>o</c> reads input channel <c>o / d</c>;</item>
/// <item>pointwise: <c>P[n][m]</c>, K = 1, groups = 1.</item>
/// </list>
/// <para>Geometry: "same" zero padding of <c>(K − 1) / 2</c> on every side (PyTorch's
/// <c>padding = K // 2</c>; odd K only), stride 1 or 2, so the output is
/// <c>ceil(H / s) × ceil(W / s)</c>. Output pixel <c>(oy, ox)</c> reads input rows
/// <c>oy·s − pad … oy·s − pad + K − 1</c>.</para>
/// </remarks>
public sealed class ConvLayer
{
    /// <summary>Largest kernel side accepted. 15 keeps a depthwise kernel's 225 taps in registers and cache.</summary>
    public const int MaxKernel = 15;

    /// <summary>Largest channel count accepted on either side of a layer.</summary>
    public const int MaxChannels = 4096;

    /// <summary>Largest depthwise multiplier accepted.</summary>
    public const int MaxMultiplier = 64;

    private readonly float[] _weights;
    private readonly float[]? _bias;

    private ConvLayer(string name, ConvKind kind, int inChannels, int outChannels, int kernel, int stride,
        ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, bool hasBias, Activation activation)
    {
        Name = string.IsNullOrWhiteSpace(name) ? kind.ToString().ToLowerInvariant() : name;
        Kind = kind;
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Activation = activation;

        Check(inChannels is >= 1 and <= MaxChannels, "in_channels", $"{inChannels} is outside 1..{MaxChannels}");
        Check(outChannels is >= 1 and <= MaxChannels, "out_channels", $"{outChannels} is outside 1..{MaxChannels}");
        Check(kernel is >= 1 and <= MaxKernel, "kernel", $"{kernel} is outside 1..{MaxKernel}");
        Check(kernel % 2 == 1, "kernel", $"{kernel} is even; 'same' padding needs an odd kernel");
        Check(stride is 1 or 2, "stride", $"{stride} is not 1 or 2");
        Check(Enum.IsDefined(activation), "activation", $"{(int)activation} is not an activation");
        if (kind == ConvKind.Depthwise)
        {
            Check(outChannels % inChannels == 0, "multiplier", $"out_channels {outChannels} is not a multiple of in_channels {inChannels}");
            Check(Multiplier <= MaxMultiplier, "multiplier", $"{Multiplier} is outside 1..{MaxMultiplier}");
        }
        if (kind == ConvKind.Pointwise)
            Check(kernel == 1, "kernel", $"a pointwise layer has kernel 1, not {kernel}");

        Check(weights.Length == WeightCount, "weights",
            $"has {weights.Length} values, expected {WeightCount} ({WeightShapeText})");
        CheckFinite("weights", weights);
        _weights = weights.ToArray();
        if (hasBias)
        {
            Check(bias.Length == outChannels, "bias", $"has {bias.Length} values, expected {outChannels}");
            CheckFinite("bias", bias);
            _bias = bias.ToArray();
        }
    }

    /// <summary>Builds a standard K×K convolution M → N.</summary>
    public static ConvLayer Standard(string name, int inChannels, int outChannels, int kernel, int stride,
        ReadOnlySpan<float> weights, float[]? bias = null, Activation activation = Activation.None) =>
        new(name, ConvKind.Standard, inChannels, outChannels, kernel, stride, weights, bias, bias is not null, activation);

    /// <summary>Builds a depthwise K×K convolution M → M·<paramref name="multiplier"/>.</summary>
    public static ConvLayer Depthwise(string name, int channels, int multiplier, int kernel, int stride,
        ReadOnlySpan<float> weights, float[]? bias = null, Activation activation = Activation.None)
    {
        if (multiplier < 1 || multiplier > MaxMultiplier)
            throw new LayerSpecException(string.IsNullOrWhiteSpace(name) ? "depthwise" : name, "multiplier", $"{multiplier} is outside 1..{MaxMultiplier}");
        return new(name, ConvKind.Depthwise, channels, channels * multiplier, kernel, stride, weights, bias, bias is not null, activation);
    }

    /// <summary>Builds a pointwise (1×1) convolution M → N.</summary>
    public static ConvLayer Pointwise(string name, int inChannels, int outChannels, int stride,
        ReadOnlySpan<float> weights, float[]? bias = null, Activation activation = Activation.None) =>
        new(name, ConvKind.Pointwise, inChannels, outChannels, 1, stride, weights, bias, bias is not null, activation);

    /// <summary>Name used in messages, logs and reports.</summary>
    public string Name { get; }

    /// <summary>Standard, depthwise or pointwise.</summary>
    public ConvKind Kind { get; }

    /// <summary>M: input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels: N, or M·d for depthwise.</summary>
    public int OutChannels { get; }

    /// <summary>K: kernel side (1 for pointwise).</summary>
    public int Kernel { get; }

    /// <summary>Stride, 1 or 2, the same along both axes.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on each side: <c>(K − 1) / 2</c>.</summary>
    public int Padding => (Kernel - 1) / 2;

    /// <summary>Depthwise multiplier d (1 for the other kinds).</summary>
    public int Multiplier => Kind == ConvKind.Depthwise ? OutChannels / InChannels : 1;

    /// <summary>ONNX's <c>group</c>: M for depthwise, 1 otherwise.</summary>
    public int Groups => Kind == ConvKind.Depthwise ? InChannels : 1;

    /// <summary>Input channels each output channel reads: 1 for depthwise, M otherwise.</summary>
    public int InChannelsPerGroup => InChannels / Groups;

    /// <summary>The activation applied after the bias.</summary>
    public Activation Activation { get; }

    /// <summary>Weights in <c>[OutChannels][InChannelsPerGroup][K][K]</c> order.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>Bias per output channel; empty when the layer has none.</summary>
    public ReadOnlySpan<float> Bias => _bias;

    /// <summary>Whether the layer adds a bias.</summary>
    public bool HasBias => _bias is not null;

    /// <summary>Number of weights: <c>OutChannels · InChannelsPerGroup · K²</c>.</summary>
    public int WeightCount => OutChannels * InChannelsPerGroup * Kernel * Kernel;

    /// <summary>The weight shape as text, e.g. "[32][1][3][3]".</summary>
    public string WeightShapeText => $"[{OutChannels}][{InChannelsPerGroup}][{Kernel}][{Kernel}]";

    /// <summary>Output side for an input side of <paramref name="inputSize"/> pixels: <c>ceil(size / s)</c>.</summary>
    public int OutputSize(int inputSize) => (inputSize + Stride - 1) / Stride;

    /// <summary>The weight of output channel <paramref name="o"/>, group-local input channel <paramref name="i"/>, tap (ky, kx).</summary>
    public float Weight(int o, int i, int ky, int kx) => _weights[((o * InChannelsPerGroup + i) * Kernel + ky) * Kernel + kx];

    /// <summary>The same layer with another activation (weights shared, nothing copied twice).</summary>
    public ConvLayer WithActivation(Activation activation) =>
        new(Name, Kind, InChannels, OutChannels, Kernel, Stride, _weights, _bias, _bias is not null, activation);

    /// <summary>The same layer under another name.</summary>
    public ConvLayer WithName(string name) =>
        new(name, Kind, InChannels, OutChannels, Kernel, Stride, _weights, _bias, _bias is not null, Activation);

    /// <summary>One line for logs, e.g. "dw1: depthwise 3×3 32→32 s1 relu".</summary>
    public override string ToString() =>
        $"{Name}: {Kind.ToString().ToLowerInvariant()} {Kernel}×{Kernel} {InChannels}→{OutChannels} s{Stride}" +
        (HasBias ? " +bias" : "") + (Activation == Activation.None ? "" : " " + Activation.Name());

    private void Check(bool condition, string field, string problem)
    {
        if (!condition) throw new LayerSpecException(Name, field, problem);
    }

    private void CheckFinite(string field, ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new LayerSpecException(Name, field, $"value {i} is {values[i]}; weights must be finite");
    }
}
