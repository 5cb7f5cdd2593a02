namespace RealtimeConv.Pipelines;

/// <summary>
/// An immutable chain of blocks fed by an image. Channel counts flow from block to block: each block
/// reads what the previous one makes, the first reads <see cref="InputChannels"/>.
/// </summary>
public sealed class Pipeline
{
    /// <summary>Checks the channel chain.</summary>
    /// <exception cref="ArgumentException">No blocks, or a block that reads a channel count the previous one does not make.</exception>
    public Pipeline(string name, int inputChannels, IEnumerable<PipelineBlock> blocks)
    {
        Name = name;
        InputChannels = inputChannels;
        Blocks = blocks.ToArray();
        if (Blocks.Count == 0) throw new ArgumentException($"pipeline '{name}' has no blocks");
        int channels = inputChannels;
        foreach (var block in Blocks)
        {
            if (block.InChannels != channels)
                throw new ArgumentException($"pipeline '{name}': block '{block.Name}' reads {block.InChannels} channels but receives {channels}");
            channels = block.OutChannels;
        }
    }

    /// <summary>Name shown in reports.</summary>
    public string Name { get; }

    /// <summary>
    /// Channels the first block reads: 1 (grey) or 3 (RGB) for image pipelines; synthetic pipelines may
    /// ask for more, and the executor then repeats the image's channels (see <c>PipelineExecutor</c>).
    /// </summary>
    public int InputChannels { get; }

    /// <summary>The blocks, in order.</summary>
    public IReadOnlyList<PipelineBlock> Blocks { get; }

    /// <summary>Channels of the final output.</summary>
    public int OutputChannels => Blocks[^1].OutChannels;

    /// <summary>The chain of layers that computes this pipeline in <paramref name="mode"/>.</summary>
    public ResolvedPipeline Resolve(ConvMode mode) => ModeResolver.Resolve(this, mode);
}
