using System.Buffers.Binary;

namespace RealtimeConv.Imaging;

/// <summary>
/// Reads a BMP's headers: file header(14: "BM", size, reserved, pixel offset at 10), then the DIB header
/// whose own size is at 14. The 12-byte OS/2 header has LE16 width/height at 18/20; the others have LE32
/// width/height at 18/22 (negative height = top-down), bits per pixel at 28, compression at 30.
/// For uncompressed data the pixel array must hold |height| rows of <c>ceil(width·bpp / 32)·4</c> bytes.
/// </summary>
internal static class BmpStructure
{
    /// <summary>The size from the DIB header, or null if the file is too short to hold it.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> data, string path, out ImageLoadException? damage)
    {
        damage = null;
        if (data.Length < 26)
        {
            damage = new ImageLoadException(path, ImageLoadFailure.Truncated, $"BMP ends at byte {data.Length} inside its headers");
            return null;
        }
        long pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        uint dibSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        long width, height;
        int bpp;
        uint compression = 0;
        if (dibSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[20..]);
            bpp = BinaryPrimitives.ReadUInt16LittleEndian(data[24..]);
        }
        else
        {
            if (data.Length < 34)
            {
                damage = new ImageLoadException(path, ImageLoadFailure.Truncated, $"BMP ends at byte {data.Length} inside its headers");
                return null;
            }
            width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[22..]));
            bpp = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
            compression = BinaryPrimitives.ReadUInt32LittleEndian(data[30..]);
        }
        var header = new ImageHeader(ImageFormat.Bmp, width, height, Math.Min(bpp, 8));
        // BI_RGB (0) and BI_BITFIELDS (3) store rows uncompressed; stb_image refuses the RLE kinds itself.
        if ((compression == 0 || compression == 3) && bpp is 1 or 4 or 8 or 16 or 24 or 32 && width > 0 && ImageLimits.Accepts(width, height))
        {
            long rowBytes = (width * bpp + 31) / 32 * 4;
            long needed = pixelOffset + rowBytes * height;
            if (needed > data.Length)
                damage = new ImageLoadException(path, ImageLoadFailure.Truncated, $"BMP pixel data needs {needed} bytes but the file has {data.Length}");
        }
        return header;
    }
}
