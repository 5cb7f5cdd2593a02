using RealtimeConv.Layers;

namespace RealtimeConv.Pipelines;

/// <summary>One standard K×K layer, and the multiplier to fit it with in separable mode.</summary>
public sealed class StandardBlock : PipelineBlock
{
    /// <summary>Wraps <paramref name="layer"/>; <paramref name="fitMultiplier"/> null picks one automatically (see <see cref="ModeResolver"/>).</summary>
    public StandardBlock(string name, ConvLayer layer, int? fitMultiplier = null) : base(name)
    {
        if (layer.Kind != ConvKind.Standard)
            throw new ArgumentException($"block '{name}': layer '{layer.Name}' is not a standard convolution");
        if (fitMultiplier is < 1 or > ConvLayer.MaxMultiplier)
            throw new ArgumentException($"block '{name}': fit multiplier {fitMultiplier} is outside 1..{ConvLayer.MaxMultiplier}");
        Layer = layer;
        FitMultiplier = fitMultiplier;
    }

    /// <summary>The layer.</summary>
    public ConvLayer Layer { get; }

    /// <summary>The multiplier d used when the block is fitted; null means "choose".</summary>
    public int? FitMultiplier { get; }

    /// <inheritdoc />
    public override int InChannels => Layer.InChannels;

    /// <inheritdoc />
    public override int OutChannels => Layer.OutChannels;

    /// <inheritdoc />
    public override int Kernel => Layer.Kernel;

    /// <inheritdoc />
    public override int Stride => Layer.Stride;
}
