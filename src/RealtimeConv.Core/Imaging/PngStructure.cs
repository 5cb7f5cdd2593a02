using System.Buffers.Binary;

namespace RealtimeConv.Imaging;

/// <summary>
/// Walks a PNG's chunks before decoding: signature, IHDR first (13 bytes), each chunk
/// <c>length(4, BE) type(4) data(length) crc(4)</c> with its CRC checked, up to IEND. A file that ends
/// before IEND is truncated; a bad CRC or a malformed chunk is corrupt. The decoder would otherwise
/// return a partly black image for a cut-off file.
/// </summary>
internal static class PngStructure
{
    private const int SignatureLength = 8;
    private const uint Ihdr = 0x49484452, Iend = 0x49454E44;

    /// <summary>Checks the chunk structure and returns IHDR's size and bit depth.</summary>
    /// <remarks>The size is returned even if later chunks are damaged, so "too large" wins over "truncated".</remarks>
    public static ImageHeader Read(ReadOnlySpan<byte> data, string path, out ImageLoadException? damage)
    {
        damage = null;
        // IHDR: length(4) "IHDR"(4) width(4) height(4) depth(1) colour type(1) ...
        if (data.Length < SignatureLength + 8 + 13)
            throw new ImageLoadException(path, ImageLoadFailure.Truncated, "PNG ends inside the IHDR header");
        if (BinaryPrimitives.ReadUInt32BigEndian(data[12..]) != Ihdr || BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 13)
            throw new ImageLoadException(path, ImageLoadFailure.Corrupt, "PNG does not start with a 13-byte IHDR chunk");
        var header = new ImageHeader(ImageFormat.Png,
            BinaryPrimitives.ReadUInt32BigEndian(data[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[20..]),
            data[24]);

        long pos = SignatureLength;
        while (true)
        {
            if (pos + 8 > data.Length)
            {
                damage = new ImageLoadException(path, ImageLoadFailure.Truncated, $"PNG ends at byte {data.Length} before the IEND chunk");
                return header;
            }
            long length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)pos..]);
            uint type = BinaryPrimitives.ReadUInt32BigEndian(data[(int)(pos + 4)..]);
            string name = ChunkName(data.Slice((int)pos + 4, 4));
            if (length > int.MaxValue)
            {
                damage = new ImageLoadException(path, ImageLoadFailure.Corrupt, $"PNG chunk {name} at byte {pos} claims {length} bytes");
                return header;
            }
            if (pos + 12 + length > data.Length)
            {
                damage = new ImageLoadException(path, ImageLoadFailure.Truncated, $"PNG chunk {name} at byte {pos} needs {length} bytes but the file ends at byte {data.Length}");
                return header;
            }
            var typeAndData = data.Slice((int)pos + 4, 4 + (int)length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(data[(int)(pos + 8 + length)..]);
            if (Crc32.Compute(typeAndData) != stored)
            {
                damage = new ImageLoadException(path, ImageLoadFailure.Corrupt, $"PNG chunk {name} at byte {pos} fails its CRC check");
                return header;
            }
            if (type == Iend) return header;
            pos += 12 + length;
        }
    }

    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        Span<char> chars = stackalloc char[4];
        for (int i = 0; i < 4; i++) chars[i] = type[i] is >= 0x20 and < 0x7F ? (char)type[i] : '?';
        return new string(chars);
    }
}
