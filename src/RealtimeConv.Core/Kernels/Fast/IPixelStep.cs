namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// Floats from one pixel to the next inside a block's row, known to the JIT as a constant: 8 in a blocked
/// map (a vector is one pixel's 8 channels), 1 in a planar one (a vector is 8 neighbouring pixels of one
/// channel). A depthwise tap one pixel to the right is this many floats further on, in either layout.
/// </summary>
internal interface IPixelStep
{
    /// <summary>8 or 1.</summary>
    static abstract int Floats { get; }
}

/// <summary>The blocked layout's step: one pixel is one vector.</summary>
internal readonly struct BlockedPixel : IPixelStep
{
    public static int Floats => 8;
}

/// <summary>The planar layout's step: one pixel is one float.</summary>
internal readonly struct PlanarPixel : IPixelStep
{
    public static int Floats => 1;
}
