using RealtimeConv.Layers;

namespace RealtimeConv.Pipelines;

/// <summary>An immutable chain of layers that computes a <see cref="Pipeline"/> in one <see cref="ConvMode"/>.</summary>
public sealed class ResolvedPipeline
{
    internal ResolvedPipeline(Pipeline pipeline, ConvMode mode, IReadOnlyList<ResolvedBlock> blocks)
    {
        Pipeline = pipeline;
        Mode = mode;
        Blocks = blocks;
        Layers = blocks.SelectMany(b => b.Layers).ToArray();
    }

    /// <summary>The pipeline as defined.</summary>
    public Pipeline Pipeline { get; }

    /// <summary>The mode the chain computes.</summary>
    public ConvMode Mode { get; }

    /// <summary>Per block, its layers and what resolution did.</summary>
    public IReadOnlyList<ResolvedBlock> Blocks { get; }

    /// <summary>The layers to run, in order.</summary>
    public IReadOnlyList<ConvLayer> Layers { get; }

    /// <summary>Channels the first layer reads.</summary>
    public int InputChannels => Pipeline.InputChannels;

    /// <summary>The chain up to and including block <paramref name="block"/> (this chain when that is the last block).</summary>
    public ResolvedPipeline Through(int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(block, Blocks.Count);
        return block == Blocks.Count - 1 ? this : new ResolvedPipeline(Pipeline, Mode, Blocks.Take(block + 1).ToArray());
    }

    /// <summary>Whether this chain computes exactly what the pipeline defines (no dropped activation, no fit).</summary>
    public bool IsExact => Blocks.All(b => b.Resolution is BlockResolution.AsDefined or BlockResolution.ComposedExactly);
}
