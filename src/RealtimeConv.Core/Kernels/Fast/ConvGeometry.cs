namespace RealtimeConv.Kernels.Fast;

/// <summary>Where a row's taps stay inside the image, for the "same"-padded layers of <c>ConvLayer</c>.</summary>
internal static class ConvGeometry
{
    /// <summary>
    /// Output columns <c>[x0, x1)</c> whose K taps all fall inside a row of <paramref name="width"/>:
    /// <c>ox·s − p ≥ 0</c> and <c>ox·s − p + K − 1 ≤ width − 1</c>. Empty (x0 = x1) when none do.
    /// </summary>
    public static (int X0, int X1) InteriorColumns(int width, int outWidth, int kernel, int stride)
    {
        int pad = (kernel - 1) / 2;
        int x0 = Math.Min(outWidth, (pad + stride - 1) / stride);
        int last = width - 1 - pad; // largest ox·s allowed
        int x1 = last < 0 ? 0 : Math.Min(outWidth, last / stride + 1);
        return x1 > x0 ? (x0, x1) : (x0, x0);
    }
}
