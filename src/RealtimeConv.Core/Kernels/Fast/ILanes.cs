namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// A map layout's lanes, known to the JIT as a constant: channels per block, which is also floats from one
/// pixel to the next inside a block. 8 in a blocked map (a vector is one pixel's 8 channels), 1 in a planar
/// one (a vector is 8 neighbouring pixels of one channel). So a depthwise tap one pixel to the right is this
/// many floats further on, and a GEMM steps through a block's channels this many at a time.
/// </summary>
internal interface ILanes
{
    /// <summary>8 or 1.</summary>
    static abstract int Count { get; }
}
