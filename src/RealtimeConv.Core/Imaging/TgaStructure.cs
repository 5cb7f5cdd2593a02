using System.Buffers.Binary;

namespace RealtimeConv.Imaging;

/// <summary>
/// Reads a TGA header (18 bytes: id length at 0, colour-map type at 1, image type at 2, map length LE16 at 5,
/// map entry bits at 7, width/height LE16 at 12/14, bits per pixel at 16). For the uncompressed types
/// (1 palette, 2 true-colour, 3 gray) the file must hold <c>18 + id + map + width·height·ceil(bpp/8)</c> bytes.
/// </summary>
internal static class TgaStructure
{
    /// <summary>The size from the header, or null if the file is shorter than the header.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> data, string path, out ImageLoadException? damage)
    {
        damage = null;
        if (data.Length < 18)
        {
            damage = new ImageLoadException(path, ImageLoadFailure.Truncated, $"TGA ends at byte {data.Length} inside its 18-byte header");
            return null;
        }
        int imageType = data[2];
        if (imageType is not (1 or 2 or 3 or 9 or 10 or 11))
        {
            damage = new ImageLoadException(path, ImageLoadFailure.NotAnImage, $"TGA header has image type {imageType}");
            return null;
        }
        long width = BinaryPrimitives.ReadUInt16LittleEndian(data[12..]);
        long height = BinaryPrimitives.ReadUInt16LittleEndian(data[14..]);
        int bpp = data[16];
        var header = new ImageHeader(ImageFormat.Tga, width, height, 8);
        if (imageType is 1 or 2 or 3)
        {
            long mapBytes = data[1] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(data[5..]) * (long)((data[7] + 7) / 8) : 0;
            long needed = 18 + data[0] + mapBytes + width * height * ((bpp + 7) / 8);
            if (needed > data.Length)
                damage = new ImageLoadException(path, ImageLoadFailure.Truncated, $"TGA pixel data needs {needed} bytes but the file has {data.Length}");
        }
        return header;
    }
}
