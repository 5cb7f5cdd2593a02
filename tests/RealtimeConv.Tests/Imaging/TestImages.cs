using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using StbImageWriteSharp;

namespace RealtimeConv.Tests.Imaging;

/// <summary>
/// Builds image files for the tests. PNG, JPEG, BMP and TGA of 8-bit data come from StbImageWriteSharp;
/// 16-bit and palette PNGs, GIF and PSD, which it cannot write, are assembled byte by byte here from
/// the format specifications.
/// </summary>
internal static class TestImages
{
    /// <summary>A deterministic pattern: component k of pixel (x, y) = (x·37 + y·11 + k·71 + seed) mod 256.</summary>
    public static byte[] Pattern(int width, int height, int components, int seed = 0)
    {
        var data = new byte[width * height * components];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int k = 0; k < components; k++)
                    data[(y * width + x) * components + k] = (byte)((x * 37 + y * 11 + k * 71 + seed) & 0xFF);
        return data;
    }

    public static byte[] StbPng(byte[] data, int width, int height, int components) =>
        Write(s => new ImageWriter().WritePng(data, width, height, (ColorComponents)components, s));

    public static byte[] StbJpeg(byte[] data, int width, int height, int components, int quality = 100) =>
        Write(s => new ImageWriter().WriteJpg(data, width, height, (ColorComponents)components, s, quality));

    public static byte[] StbBmp(byte[] data, int width, int height, int components) =>
        Write(s => new ImageWriter().WriteBmp(data, width, height, (ColorComponents)components, s));

    public static byte[] StbTga(byte[] data, int width, int height, int components) =>
        Write(s => new ImageWriter().WriteTga(data, width, height, (ColorComponents)components, s));

    /// <summary>
    /// A PNG from raw scanlines: signature, IHDR(width, height, depth, colour type, 0, 0, 0), optional
    /// PLTE/tRNS, one IDAT holding zlib(filter byte 0 + row bytes, per row), IEND.
    /// </summary>
    public static byte[] RawPng(int width, int height, int bitDepth, int colourType, byte[] rows,
        byte[]? palette = null, byte[]? transparency = null)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colourType;
        Chunk(png, "IHDR", ihdr);
        if (palette is not null) Chunk(png, "PLTE", palette);
        if (transparency is not null) Chunk(png, "tRNS", transparency);
        int rowBytes = rows.Length / height;
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    z.WriteByte(0);
                    z.Write(rows, y * rowBytes, rowBytes);
                }
            }
            Chunk(png, "IDAT", raw.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Only the signature and an IHDR claiming <paramref name="width"/>×<paramref name="height"/> RGB, then IEND.</summary>
    public static byte[] PngHeaderOnly(long width, long height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A GIF89a with a 4-colour global table and one frame per entry of <paramref name="frames"/> (indices
    /// 0..3, width·height each). The LZW stream sends a clear code before every two pixels, so the code
    /// width never grows past 3 bits: after a clear the first code adds no table entry and the second adds
    /// entry 6, below the 8 that would widen the codes.
    /// </summary>
    public static byte[] Gif(int width, int height, byte[] palette12, params byte[][] frames)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        WriteLe16(gif, width);
        WriteLe16(gif, height);
        gif.WriteByte(0x80 | 0x01); // global table of 2^(1+1) = 4 entries
        gif.WriteByte(0);
        gif.WriteByte(0);
        gif.Write(palette12);
        foreach (var frame in frames)
        {
            gif.WriteByte(0x2C);
            WriteLe16(gif, 0);
            WriteLe16(gif, 0);
            WriteLe16(gif, width);
            WriteLe16(gif, height);
            gif.WriteByte(0);
            gif.WriteByte(2); // LZW minimum code size: clear = 4, end = 5, codes 3 bits wide
            var codes = new List<int>();
            for (int i = 0; i < frame.Length; i++)
            {
                if (i % 2 == 0) codes.Add(4);
                codes.Add(frame[i]);
            }
            codes.Add(5);
            var packed = PackLsbFirst(codes, 3);
            for (int offset = 0; offset < packed.Length; offset += 255)
            {
                int n = Math.Min(255, packed.Length - offset);
                gif.WriteByte((byte)n);
                gif.Write(packed, offset, n);
            }
            gif.WriteByte(0);
        }
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>
    /// A PSD (version 1) with raw (uncompressed) 8-bit planar data: header, three empty sections,
    /// compression 0, then each channel's plane. Colour mode 3 (RGB) or 1 (grayscale).
    /// </summary>
    public static byte[] Psd(int width, int height, int channels, byte[] planar)
    {
        using var psd = new MemoryStream();
        psd.Write("8BPS"u8);
        WriteBe16(psd, 1);
        psd.Write(new byte[6]);
        WriteBe16(psd, channels);
        WriteBe32(psd, height);
        WriteBe32(psd, width);
        WriteBe16(psd, 8);
        WriteBe16(psd, channels >= 3 ? 3 : 1);
        WriteBe32(psd, 0); // colour mode data
        WriteBe32(psd, 0); // image resources
        WriteBe32(psd, 0); // layer and mask information
        WriteBe16(psd, 0); // raw image data
        psd.Write(planar);
        return psd.ToArray();
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        uint crc = RealtimeConv.Imaging.Crc32.Append(RealtimeConv.Imaging.Crc32.Compute(typeBytes), data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        png.Write(word);
    }

    private static byte[] PackLsbFirst(List<int> codes, int width)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (int code in codes)
        {
            buffer |= code << bits;
            bits += width;
            while (bits >= 8)
            {
                bytes.Add((byte)(buffer & 0xFF));
                buffer >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) bytes.Add((byte)buffer);
        return [.. bytes];
    }

    private static void WriteLe16(Stream s, int v)
    {
        s.WriteByte((byte)v);
        s.WriteByte((byte)(v >> 8));
    }

    private static void WriteBe16(Stream s, int v)
    {
        s.WriteByte((byte)(v >> 8));
        s.WriteByte((byte)v);
    }

    private static void WriteBe32(Stream s, int v)
    {
        WriteBe16(s, v >> 16);
        WriteBe16(s, v);
    }

    private static byte[] Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }
}
