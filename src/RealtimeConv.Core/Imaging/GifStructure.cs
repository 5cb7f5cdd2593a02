using System.Buffers.Binary;

namespace RealtimeConv.Imaging;

/// <summary>
/// Walks a GIF up to the end of its first frame (the only one decoded): header(6), logical screen
/// descriptor(7: width, height LE16, flags), optional global colour table (3·2^(n+1) bytes), then
/// extension blocks (<c>21 label sub-blocks</c>) until the first image descriptor (<c>2C</c>, 9 bytes,
/// optional local table, LZW code size, sub-blocks). Sub-blocks are <c>len(1) bytes</c> ended by a zero length.
/// Data that ends inside that walk is truncated.
/// </summary>
internal static class GifStructure
{
    /// <summary>The logical screen size, or null if the file is too short to hold it.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> data, string path, out ImageLoadException? damage)
    {
        damage = null;
        if (data.Length < 13)
        {
            damage = Truncated(path, data.Length, "inside the screen descriptor");
            return null;
        }
        var header = new ImageHeader(ImageFormat.Gif,
            BinaryPrimitives.ReadUInt16LittleEndian(data[6..]),
            BinaryPrimitives.ReadUInt16LittleEndian(data[8..]),
            8);
        long pos = 13 + ColourTableBytes(data[10]);
        while (true)
        {
            if (pos >= data.Length)
            {
                damage = Truncated(path, data.Length, "before the first frame is complete");
                return header;
            }
            byte block = data[(int)pos++];
            switch (block)
            {
                case 0x21: // extension: label, sub-blocks
                    pos = SkipSubBlocks(data, pos + 1);
                    break;
                case 0x2C: // image descriptor: x, y, w, h (LE16 each), flags; then LZW minimum code size
                    if (pos + 9 > data.Length) { pos = long.MaxValue; break; }
                    pos = SkipSubBlocks(data, pos + 9 + ColourTableBytes(data[(int)pos + 8]) + 1);
                    if (pos <= data.Length) return header;
                    break;
                case 0x3B:
                    damage = new ImageLoadException(path, ImageLoadFailure.Corrupt, "GIF has no image frame");
                    return header;
                default:
                    damage = new ImageLoadException(path, ImageLoadFailure.Corrupt, $"GIF has an unknown block 0x{block:X2} at byte {pos - 1}");
                    return header;
            }
        }
    }

    /// <summary>Global or local colour table size from a flags byte: present if bit 7, 3·2^(bits 0..2 + 1) bytes.</summary>
    private static int ColourTableBytes(byte flags) => (flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0;

    /// <summary>Position after the zero-length terminator, or past the end (data.Length + 1) if it is missing.</summary>
    private static long SkipSubBlocks(ReadOnlySpan<byte> data, long pos)
    {
        while (pos < data.Length)
        {
            byte size = data[(int)pos];
            pos += 1 + size;
            if (size == 0) return pos;
        }
        return data.Length + 1L;
    }

    private static ImageLoadException Truncated(string path, int length, string where) =>
        new(path, ImageLoadFailure.Truncated, $"GIF data ends at byte {length} {where}");
}
