namespace RealtimeConv.Imaging;

/// <summary>Container formats the loader decodes (through StbImageSharp).</summary>
public enum ImageFormat
{
    /// <summary>PNG: 1/2/4/8/16-bit gray, gray+alpha, RGB, RGBA and palette; 16-bit is reduced to 8.</summary>
    Png,

    /// <summary>Baseline and progressive 8-bit JPEG, gray, YCbCr or Adobe CMYK (no arithmetic coding, no 12-bit).</summary>
    Jpeg,

    /// <summary>Windows BMP: 1/4/8/16/24/32-bit, uncompressed or bit-fields (stb_image does not decode RLE BMPs).</summary>
    Bmp,

    /// <summary>Truevision TGA; it has no signature, so it is recognised by the <c>.tga</c> extension.</summary>
    Tga,

    /// <summary>GIF; only the first frame is decoded.</summary>
    Gif,

    /// <summary>Photoshop PSD: the composited image, 8 or 16 bits per channel.</summary>
    Psd,
}
