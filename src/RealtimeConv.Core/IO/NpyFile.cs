using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using RealtimeConv.Tensors;

namespace RealtimeConv.IO;

/// <summary>
/// Reads and writes NumPy's .npy format for float32 arrays.
/// </summary>
/// <remarks>
/// <para>Layout (NumPy's NEP 1): the magic <c>\x93NUMPY</c>, a major and a minor version byte, the
/// header length (uint16 little-endian for v1.0, uint32 for v2.0/v3.0), then an ASCII Python dict
/// literal such as <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c> padded with
/// spaces and a final newline so that the data starts at a multiple of 64 bytes, then the raw values.</para>
/// <para>Reading accepts versions 1.0, 2.0 and 3.0, C order only, and the dtypes <c>&lt;f4</c> (and
/// <c>|f4</c>/<c>=f4</c> spelt otherwise) and <c>&lt;f8</c>: float64 is converted to float32 on reading, because
/// <c>np.save</c> of a Python-built array is float64 by default and refusing it would only annoy; the
/// conversion rounds to nearest. Any other dtype, big-endian data, Fortran order, a bad magic, an
/// unparsable header or a data section shorter than the shape needs is an <see cref="NpyFormatException"/>.</para>
/// <para>Writing produces version 1.0 <c>&lt;f4</c> exactly as <c>numpy.save</c> does (keys sorted, the
/// 21-digit growth space after the dict, padding to 64 bytes), atomically: into a temporary file in the
/// same folder, then renamed over the target.</para>
/// </remarks>
public static class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Data starts at a multiple of this many bytes (NumPy's ARRAY_ALIGN).</summary>
    private const int Alignment = 64;

    /// <summary>
    /// Spaces NumPy leaves after the dict so that the first dimension can grow in place:
    /// GROWTH_AXIS_MAX_DIGITS (21) minus the digits of the current first dimension.
    /// </summary>
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>Reads a float32 (or float64, converted) array.</summary>
    public static NpyArray Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NpyFormatException(path, Directory.Exists(path) ? "is a directory" : e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message, e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses the bytes of a .npy file; <paramref name="path"/> is only used in messages.</summary>
    public static NpyArray Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < Magic.Length + 2 || !bytes[..Magic.Length].SequenceEqual(Magic))
            throw new NpyFormatException(path, "not a .npy file (bad magic; expected \\x93NUMPY)");
        int major = bytes[6], minor = bytes[7];
        int lengthBytes = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new NpyFormatException(path, $"unsupported .npy version {major}.{minor} (1.0, 2.0 and 3.0 are read)"),
        };
        int prefix = Magic.Length + 2 + lengthBytes;
        if (bytes.Length < prefix) throw new NpyFormatException(path, "truncated header");
        long headerLength = lengthBytes == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        if (prefix + headerLength > bytes.Length)
            throw new NpyFormatException(path, $"truncated header: it claims {headerLength} bytes, the file has {bytes.Length - prefix} after the prefix");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes.Slice(prefix, (int)headerLength));
        var (descr, fortran, shape) = ParseHeader(header, path);

        if (fortran) throw new NpyFormatException(path, "fortran_order is True; only C-order arrays are read (save with np.ascontiguousarray)");
        int itemSize = descr switch
        {
            "<f4" or "|f4" or "=f4" => 4,
            "<f8" or "=f8" => 8,
            _ => throw new NpyFormatException(path, $"dtype '{descr}' is not supported; expected '<f4' (float32) or '<f8' (float64, converted)"),
        };
        long count = 1;
        foreach (int dim in shape)
        {
            count *= dim;
            if (count > Array.MaxLength) throw new NpyFormatException(path, $"shape {ShapeRepr(shape)} is too large");
        }
        var data = bytes[(prefix + (int)headerLength)..];
        long needed = count * itemSize;
        if (data.Length < needed)
            throw new NpyFormatException(path, $"truncated data: shape {ShapeRepr(shape)} needs {needed} bytes, the file has {data.Length}");
        if (data.Length > needed)
            throw new NpyFormatException(path, $"{data.Length - needed} bytes past the end of the data for shape {ShapeRepr(shape)}");

        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = itemSize == 4
                ? BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..])
                : (float)BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]);
        return new NpyArray(shape, values);
    }

    /// <summary>Writes <paramref name="data"/> with <paramref name="shape"/> as a v1.0 <c>&lt;f4</c> file, atomically.</summary>
    public static void Write(string path, ReadOnlySpan<float> data, ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0) throw new ArgumentException($"{path}: negative dimension {dim} in shape {ShapeRepr(shape.ToArray())}");
            count *= dim;
        }
        if (count != data.Length)
            throw new ArgumentException($"{path}: shape {ShapeRepr(shape.ToArray())} holds {count} values, the data has {data.Length}");

        var header = HeaderBytes(shape);
        var bytes = new byte[header.Length + data.Length * sizeof(float)];
        header.CopyTo(bytes, 0);
        for (int i = 0; i < data.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(header.Length + i * 4), data[i]);
        WriteAtomically(path, bytes);
    }

    /// <summary>Writes a feature map as a (C, H, W) float32 array (planar, as NumPy and ONNX expect).</summary>
    public static void Write(string path, FeatureMap map) =>
        Write(path, map.ToPlanar(), [map.Channels, map.Height, map.Width]);

    /// <summary>
    /// The magic, version, length and padded header <c>numpy.save</c> writes for a float32 C-order array
    /// of <paramref name="shape"/> (format 1.0).
    /// </summary>
    public static byte[] HeaderBytes(ReadOnlySpan<int> shape)
    {
        var dims = shape.ToArray();
        string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + ShapeRepr(dims) + ", }";
        if (dims.Length > 0)
            dict += new string(' ', GrowthAxisMaxDigits - dims[0].ToString(CultureInfo.InvariantCulture).Length);
        // Pad so that magic (6) + version (2) + length (2) + dict + padding + '\n' is a multiple of 64.
        int padding = Alignment - (Magic.Length + 2 + 2 + dict.Length + 1) % Alignment;
        string text = dict + new string(' ', padding) + "\n";
        if (text.Length > ushort.MaxValue) throw new ArgumentException($"shape {ShapeRepr(dims)} makes a header too long for format 1.0");
        var bytes = new byte[Magic.Length + 4 + text.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text, bytes.AsSpan(10));
        return bytes;
    }

    /// <summary>Python's repr of a shape tuple: "(3, 4)", "(5,)", "()".</summary>
    internal static string ShapeRepr(int[] shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
    };

    private static void WriteAtomically(string path, byte[] bytes)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        // Same folder, so that the rename stays on one file system and is atomic.
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new NpyFormatException(path, $"cannot write: {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the write already failed and that is the error to report.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    /// <summary>
    /// Parses the header dict: exactly the keys 'descr' (a string), 'fortran_order' (True/False) and
    /// 'shape' (a tuple of non-negative integers), in any order, with optional trailing commas.
    /// </summary>
    private static (string Descr, bool Fortran, int[] Shape) ParseHeader(string header, string path)
    {
        var reader = new HeaderReader(header.TrimEnd(), path);
        string? descr = null;
        bool? fortran = null;
        int[]? shape = null;
        reader.Expect('{');
        while (!reader.TryConsume('}'))
        {
            string key = reader.ReadString();
            reader.Expect(':');
            switch (key)
            {
                case "descr": descr = reader.ReadString(); break;
                case "fortran_order": fortran = reader.ReadBool(); break;
                case "shape": shape = reader.ReadTuple(); break;
                default: throw new NpyFormatException(path, $"header has an unknown key '{key}'");
            }
            if (!reader.TryConsume(',')) { reader.Expect('}'); break; }
        }
        reader.ExpectEnd();
        if (descr is null || fortran is null || shape is null)
            throw new NpyFormatException(path, "header lacks 'descr', 'fortran_order' or 'shape'");
        return (descr, fortran.Value, shape);
    }

    /// <summary>A cursor over the header text for the small subset of Python literals NumPy writes.</summary>
    private sealed class HeaderReader(string text, string path)
    {
        private int _at;

        public void Expect(char c)
        {
            if (!TryConsume(c)) throw Garbage($"expected '{c}'");
        }

        public bool TryConsume(char c)
        {
            SkipSpace();
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_at != text.Length) throw Garbage("unexpected text after the dict");
        }

        public string ReadString()
        {
            SkipSpace();
            if (_at >= text.Length || (text[_at] != '\'' && text[_at] != '"')) throw Garbage("expected a quoted string");
            char quote = text[_at++];
            int end = text.IndexOf(quote, _at);
            if (end < 0) throw Garbage("unterminated string");
            string s = text[_at..end];
            _at = end + 1;
            return s;
        }

        public bool ReadBool()
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _at, "True", 0, 4) == 0) { _at += 4; return true; }
            if (string.CompareOrdinal(text, _at, "False", 0, 5) == 0) { _at += 5; return false; }
            throw Garbage("expected True or False");
        }

        public int[] ReadTuple()
        {
            Expect('(');
            var dims = new List<int>();
            while (!TryConsume(')'))
            {
                SkipSpace();
                int start = _at;
                while (_at < text.Length && char.IsAsciiDigit(text[_at])) _at++;
                // A trailing 'L' is how Python 2 wrote long integers; old files still carry it.
                if (!int.TryParse(text.AsSpan(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out int dim))
                    throw Garbage("expected a non-negative integer dimension");
                if (_at < text.Length && text[_at] == 'L') _at++;
                dims.Add(dim);
                if (!TryConsume(',')) { Expect(')'); break; }
            }
            return dims.ToArray();
        }

        private void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }

        private NpyFormatException Garbage(string what) =>
            new(path, $"unreadable header at character {_at}: {what} in {Quote(text)}");

        private static string Quote(string s) => s.Length > 120 ? s[..120] + "…" : s;
    }
}
