using RealtimeConv.Layers;

namespace RealtimeConv.Pipelines;

/// <summary>
/// A depthwise K×K pass (multiplier d, optional activation between) followed by a pointwise 1×1 pass.
/// The activation between the passes is the depthwise layer's own <see cref="ConvLayer.Activation"/>.
/// </summary>
public sealed class SeparableBlock : PipelineBlock
{
    /// <summary>Checks that the two layers form a block.</summary>
    /// <exception cref="ArgumentException">Wrong kinds, a strided pointwise, or mismatched channel counts.</exception>
    public SeparableBlock(string name, ConvLayer depthwise, ConvLayer pointwise) : base(name)
    {
        if (depthwise.Kind != ConvKind.Depthwise)
            throw new ArgumentException($"block '{name}': first layer '{depthwise.Name}' is not depthwise");
        if (pointwise.Kind != ConvKind.Pointwise)
            throw new ArgumentException($"block '{name}': second layer '{pointwise.Name}' is not pointwise");
        if (pointwise.Stride != 1)
            throw new ArgumentException($"block '{name}': the pointwise pass must have stride 1; the depthwise carries the stride");
        if (pointwise.InChannels != depthwise.OutChannels)
            throw new ArgumentException($"block '{name}': pointwise takes {pointwise.InChannels} channels, depthwise makes {depthwise.OutChannels}");
        Depthwise = depthwise;
        Pointwise = pointwise;
    }

    /// <summary>The K×K depthwise pass (its activation is the one between the passes).</summary>
    public ConvLayer Depthwise { get; }

    /// <summary>The 1×1 pointwise pass.</summary>
    public ConvLayer Pointwise { get; }

    /// <summary>The activation between the passes.</summary>
    public Activation Between => Depthwise.Activation;

    /// <summary>Depthwise multiplier d.</summary>
    public int Multiplier => Depthwise.Multiplier;

    /// <inheritdoc />
    public override int InChannels => Depthwise.InChannels;

    /// <inheritdoc />
    public override int OutChannels => Pointwise.OutChannels;

    /// <inheritdoc />
    public override int Kernel => Depthwise.Kernel;

    /// <inheritdoc />
    public override int Stride => Depthwise.Stride;
}
