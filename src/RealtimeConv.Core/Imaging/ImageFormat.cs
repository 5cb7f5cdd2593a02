namespace RealtimeConv.Imaging;

/// <summary>Container formats the loader decodes (through StbImageSharp).</summary>
public enum ImageFormat
{
    /// <summary>PNG: 1/2/4/8/16-bit gray, gray+alpha, RGB, RGBA and palette; 16-bit is reduced to 8.</summary>
    Png,

    /// <summary>Baseline and progressive JPEG, gray or YCbCr (arithmetic coding is not supported).</summary>
    Jpeg,

    /// <summary>Windows BMP: 1/4/8/16/24/32-bit, uncompressed or RLE.</summary>
    Bmp,

    /// <summary>Truevision TGA; it has no signature, so it is recognised by the <c>.tga</c> extension.</summary>
    Tga,

    /// <summary>GIF; only the first frame is decoded.</summary>
    Gif,

    /// <summary>Photoshop PSD: the composited image, 8 or 16 bits per channel.</summary>
    Psd,
}
