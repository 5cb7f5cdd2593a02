namespace RealtimeConv.Gpu.Variants;

/// <summary>
/// The coarse shape a variant choice is remembered for: kernel, stride, channel counts rounded up to
/// powers of two and the output pixel count rounded to a power of two. Shapes in one class load the
/// same registers and fill the GPU alike, so one timing serves them all.
/// </summary>
public static class ShapeClass
{
    /// <summary>E.g. "k3 s1 c32>32 p2^16" for 32 → 32 channels, K = 3, stride 1, 256×256 outputs.</summary>
    public static string Of(int kernel, int stride, int inChannels, int outChannels, int outHeight, int outWidth)
    {
        long pixels = Math.Max(1L, (long)outHeight * outWidth);
        int log2 = (int)Math.Round(Math.Log2(pixels));
        return $"k{kernel} s{stride} c{PowerOfTwo(inChannels)}>{PowerOfTwo(outChannels)} p2^{log2}";
    }

    private static int PowerOfTwo(int value) => value <= 1 ? 1 : 1 << (32 - int.LeadingZeroCount(value - 1));
}
