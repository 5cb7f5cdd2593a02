using System.Collections.Frozen;

namespace RealtimeConv.Imaging;

/// <summary>Recognises a format from its signature bytes (TGA, which has none, from the extension).</summary>
internal static class ImageSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Gif87 => "GIF87a"u8;
    private static ReadOnlySpan<byte> Gif89 => "GIF89a"u8;
    private static ReadOnlySpan<byte> PsdSignature => "8BPS"u8;
    private static ReadOnlySpan<byte> BmpSignature => "BM"u8;

    /// <summary>
    /// The format, or null when no signature matches. <paramref name="truncatedSignature"/> is set when
    /// the whole file is a proper prefix of a signature (a file cut off inside its first bytes).
    /// </summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> data, string path, out bool truncatedSignature)
    {
        truncatedSignature = false;
        if (data.StartsWith(PngSignature)) return ImageFormat.Png;
        if (data.StartsWith(JpegSignature)) return ImageFormat.Jpeg;
        if (data.StartsWith(Gif87) || data.StartsWith(Gif89)) return ImageFormat.Gif;
        if (data.StartsWith(PsdSignature)) return ImageFormat.Psd;
        if (data.StartsWith(BmpSignature)) return ImageFormat.Bmp;
        if (string.Equals(Path.GetExtension(path), ".tga", StringComparison.OrdinalIgnoreCase)) return ImageFormat.Tga;
        truncatedSignature = data.Length > 1
            && (PngSignature.StartsWith(data) || JpegSignature.StartsWith(data) || Gif89.StartsWith(data)
                || Gif87.StartsWith(data) || PsdSignature.StartsWith(data));
        return null;
    }

    /// <summary>The extensions the folder lister treats as images (lower case, with the dot).</summary>
    public static readonly FrozenSet<string> Extensions = FrozenSet.ToFrozenSet(
        [".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".bmp", ".tga", ".gif", ".psd"], StringComparer.OrdinalIgnoreCase);
}
