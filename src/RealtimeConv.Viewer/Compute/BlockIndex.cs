using RealtimeConv.Pipelines;

namespace RealtimeConv.Viewer.Compute;

/// <summary>
/// Blocks are where the two modes can be compared: block b's output is the same tensor in both modes,
/// although it is one layer's output in the standard chain and the second of two in the separable one.
/// </summary>
internal static class BlockIndex
{
    /// <summary>The index in <paramref name="chain"/>.Layers of block <paramref name="block"/>'s last layer.</summary>
    public static int LastLayer(ResolvedPipeline chain, int block)
    {
        int last = -1;
        for (int b = 0; b <= block; b++) last += chain.Blocks[b].Layers.Count;
        return last;
    }
}
