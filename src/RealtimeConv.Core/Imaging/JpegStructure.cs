using System.Buffers.Binary;

namespace RealtimeConv.Imaging;

/// <summary>
/// Walks a JPEG's marker segments before decoding. stb_image pads a cut-off entropy stream with zeros and
/// "succeeds" with a grey lower half, so the walk is what finds truncation: after SOI, each segment is
/// <c>FF mm len(2, BE, counting itself) payload</c>; after each SOS the entropy-coded data runs to the next
/// marker that is not a stuffed byte (<c>FF 00</c>), a restart (<c>FF D0..D7</c>) or fill (<c>FF FF</c>).
/// A file that ends before EOI (<c>FF D9</c>) is truncated.
/// </summary>
internal static class JpegStructure
{
    /// <summary>The frame size from the first SOF segment, or null if the data ends or breaks before it.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> data, string path, out ImageLoadException? damage)
    {
        damage = null;
        ImageHeader? header = null;
        int pos = 2; // after SOI (FF D8)
        while (true)
        {
            if (pos >= data.Length)
            {
                damage = Truncated(path, data.Length, "before the EOI marker");
                return header;
            }
            if (data[pos] != 0xFF)
            {
                damage = new ImageLoadException(path, ImageLoadFailure.Corrupt, $"JPEG has no marker at byte {pos}");
                return header;
            }
            while (pos < data.Length && data[pos] == 0xFF) pos++; // fill bytes before a marker
            if (pos >= data.Length)
            {
                damage = Truncated(path, data.Length, "inside a marker");
                return header;
            }
            byte marker = data[pos++];
            if (marker == 0xD9)
            {
                if (header is null) damage = new ImageLoadException(path, ImageLoadFailure.Corrupt, "JPEG has no frame header (SOF) before EOI");
                return header;
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue; // markers without a length
            if (pos + 2 > data.Length)
            {
                damage = Truncated(path, data.Length, $"inside the length of marker FF{marker:X2}");
                return header;
            }
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2)
            {
                damage = new ImageLoadException(path, ImageLoadFailure.Corrupt, $"JPEG marker FF{marker:X2} at byte {pos - 2} has length {length}");
                return header;
            }
            if (pos + length > data.Length)
            {
                damage = Truncated(path, data.Length, $"inside segment FF{marker:X2} at byte {pos - 2}");
                return header;
            }
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision(1) height(2) width(2) components(1).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && header is null && length >= 8)
            {
                header = new ImageHeader(ImageFormat.Jpeg,
                    BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 5)..]),
                    BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 3)..]),
                    data[pos + 2]);
            }
            pos += length;
            if (marker == 0xDA)
            {
                if (header is null)
                {
                    damage = new ImageLoadException(path, ImageLoadFailure.Corrupt, "JPEG scan (SOS) comes before the frame header (SOF)");
                    return header;
                }
                pos = SkipEntropyCodedData(data, pos);
            }
        }
    }

    /// <summary>Position of the first real marker after a scan's entropy-coded data, or the data length if none.</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int pos)
    {
        while (pos < data.Length)
        {
            int ff = data[pos..].IndexOf((byte)0xFF);
            if (ff < 0) return data.Length;
            pos += ff;
            if (pos + 1 >= data.Length) return data.Length;
            byte next = data[pos + 1];
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7) pos += 2; // stuffed 0xFF or restart marker
            else if (next == 0xFF) pos += 1;                          // fill byte
            else return pos;
        }
        return data.Length;
    }

    private static ImageLoadException Truncated(string path, int length, string where) =>
        new(path, ImageLoadFailure.Truncated, $"JPEG data ends at byte {length} {where}");
}
