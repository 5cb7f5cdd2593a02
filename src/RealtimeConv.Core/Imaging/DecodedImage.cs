namespace RealtimeConv.Imaging;

/// <summary>An image read from a file: its 8-bit pixels and where they came from.</summary>
/// <param name="Path">The file as the caller named it.</param>
/// <param name="Format">The container it was decoded from.</param>
/// <param name="SourceBitsPerChannel">Bits per channel in the file (16-bit PNG/PSD data is reduced to 8 in <paramref name="Pixels"/>).</param>
/// <param name="Pixels">The decoded pixels in the file's own component count (palette images expand to RGB, or RGBA with transparency).</param>
public sealed record DecodedImage(string Path, ImageFormat Format, int SourceBitsPerChannel, PixelImage Pixels)
{
    /// <summary>Width in pixels.</summary>
    public int Width => Pixels.Width;

    /// <summary>Height in pixels.</summary>
    public int Height => Pixels.Height;

    /// <summary>Components per pixel (1..4).</summary>
    public int Components => Pixels.Components;
}
