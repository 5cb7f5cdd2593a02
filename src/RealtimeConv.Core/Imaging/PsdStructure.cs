using System.Buffers.Binary;

namespace RealtimeConv.Imaging;

/// <summary>
/// Reads a PSD header (26 bytes, big-endian: "8BPS", version 1, 6 reserved, channels(2) at 12,
/// height(4) at 14, width(4) at 18, depth(2) at 22, colour mode(2) at 24), then skips the colour-mode,
/// image-resource and layer sections (each <c>len(4) bytes</c>) to the composite image: compression(2),
/// and for raw data (0) <c>channels·height·width·depth/8</c> bytes. RLE data (1) is left to the decoder.
/// </summary>
internal static class PsdStructure
{
    /// <summary>The size from the header, or null if the file is shorter than the header.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> data, string path, out ImageLoadException? damage)
    {
        damage = null;
        if (data.Length < 26)
        {
            damage = new ImageLoadException(path, ImageLoadFailure.Truncated, $"PSD ends at byte {data.Length} inside its 26-byte header");
            return null;
        }
        int channels = BinaryPrimitives.ReadUInt16BigEndian(data[12..]);
        long height = BinaryPrimitives.ReadUInt32BigEndian(data[14..]);
        long width = BinaryPrimitives.ReadUInt32BigEndian(data[18..]);
        int depth = BinaryPrimitives.ReadUInt16BigEndian(data[22..]);
        var header = new ImageHeader(ImageFormat.Psd, width, height, depth);

        long pos = 26;
        for (int section = 0; section < 3; section++)
        {
            if (pos + 4 > data.Length) { damage = Truncated(path, data.Length); return header; }
            pos += 4 + BinaryPrimitives.ReadUInt32BigEndian(data[(int)pos..]);
        }
        if (pos + 2 > data.Length) { damage = Truncated(path, data.Length); return header; }
        int compression = BinaryPrimitives.ReadUInt16BigEndian(data[(int)pos..]);
        if (compression == 0 && ImageLimits.Accepts(width, height))
        {
            long needed = pos + 2 + channels * height * width * ((depth + 7) / 8);
            if (needed > data.Length)
                damage = new ImageLoadException(path, ImageLoadFailure.Truncated, $"PSD image data needs {needed} bytes but the file has {data.Length}");
        }
        return header;
    }

    private static ImageLoadException Truncated(string path, int length) =>
        new(path, ImageLoadFailure.Truncated, $"PSD data ends at byte {length} before the image data");
}
