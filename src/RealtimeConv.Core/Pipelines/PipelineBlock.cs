namespace RealtimeConv.Pipelines;

/// <summary>One block of a <see cref="Pipeline"/>: a standard layer or a depthwise-separable pair.</summary>
public abstract class PipelineBlock
{
    private protected PipelineBlock(string name) => Name = name;

    /// <summary>Name used in reports and messages.</summary>
    public string Name { get; }

    /// <summary>Channels the block reads.</summary>
    public abstract int InChannels { get; }

    /// <summary>Channels the block makes.</summary>
    public abstract int OutChannels { get; }

    /// <summary>K, the spatial kernel side.</summary>
    public abstract int Kernel { get; }

    /// <summary>Stride, 1 or 2.</summary>
    public abstract int Stride { get; }
}
