namespace RealtimeConv.Imaging;

/// <summary>
/// Sizes the loader accepts, checked against the header before any pixel buffer is allocated, so a
/// crafted header (say 100000×100000) is refused instead of exhausting memory.
/// </summary>
public static class ImageLimits
{
    /// <summary>Largest width or height: 16384 px (also <see cref="Tensors.FeatureMap.MaxSide"/>).</summary>
    public const int MaxSide = 16384;

    /// <summary>Largest pixel count: 64 MPixel = 64 × 2²⁰ = 67,108,864 (an 8192×8192 image), 256 MiB as RGBA.</summary>
    public const long MaxPixels = 64L * 1024 * 1024;

    /// <summary>
    /// Largest file read into memory: 512 MiB. The biggest legal image (64 MPixel RGBA at 16 bits per
    /// channel, uncompressed) is exactly that size; anything larger cannot be a valid image within the limits.
    /// </summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    /// <summary>True when <paramref name="width"/>×<paramref name="height"/> is within both limits.</summary>
    public static bool Accepts(long width, long height) =>
        width >= 1 && height >= 1 && width <= MaxSide && height <= MaxSide && width * height <= MaxPixels;

    /// <summary>The limits as one phrase, for messages.</summary>
    public static string Describe() => $"{MaxSide} px per side and 64 MPixel ({MaxPixels:N0} pixels)";
}
