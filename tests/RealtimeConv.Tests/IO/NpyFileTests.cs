using System.Buffers.Binary;
using System.Text;
using RealtimeConv.IO;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.IO;

/// <summary>.npy reading and writing, byte for byte as NumPy does it, and every way a file can be wrong.</summary>
public sealed class NpyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rtconv-npy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public void HeaderIsExactlyWhatNumpySaveWrites()
    {
        // np.save of a (2, 3, 4) float32 array (NumPy ≥ 1.23): 10-byte prefix, dict, 20 growth spaces
        // (21 − len("2")), padding to 128 bytes, newline; header length field 118.
        var header = NpyFile.HeaderBytes([2, 3, 4]);
        Assert.Equal(128, header.Length);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, header[..8]);
        Assert.Equal(118, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8)));
        string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 4), }";
        Assert.Equal(dict + new string(' ', 20 + 35) + "\n", Encoding.ASCII.GetString(header, 10, 118));
    }

    [Theory]
    [InlineData(new int[0], 1)]
    [InlineData(new[] { 5 }, 5)]
    [InlineData(new[] { 12345, 2 }, 24690)]
    [InlineData(new[] { 3, 1, 2, 2 }, 12)]
    public void HeadersAlignDataTo64AndEndInNewline(int[] shape, int count)
    {
        var header = NpyFile.HeaderBytes(shape);
        Assert.Equal(0, header.Length % 64);
        Assert.Equal((byte)'\n', header[^1]);
        string path = PathOf("a.npy");
        var data = Enumerable.Range(0, count).Select(i => i * 0.5f - 3).ToArray();
        NpyFile.Write(path, data, shape);
        var read = NpyFile.Read(path);
        Assert.Equal(shape, read.Shape);
        Assert.Equal(data, read.Data);
        Assert.Equal(header.Length + 4 * count, new FileInfo(path).Length);
    }

    [Fact]
    public void ShapeTextIsPythonRepr()
    {
        Assert.Equal("()", new NpyArray([], [1]).ShapeText);
        Assert.Equal("(5,)", new NpyArray([5], new float[5]).ShapeText);
        Assert.Equal("(2, 3)", new NpyArray([2, 3], new float[6]).ShapeText);
    }

    [Fact]
    public void FeatureMapIsSavedAsChannelsHeightWidth()
    {
        var map = new FeatureMap(10, 2, 3);
        for (int c = 0; c < 10; c++)
            for (int y = 0; y < 2; y++)
                for (int x = 0; x < 3; x++) map[c, y, x] = c * 100 + y * 10 + x;
        string path = PathOf("map.npy");
        NpyFile.Write(path, map);
        var read = NpyFile.Read(path);
        Assert.Equal(new[] { 10, 2, 3 }, read.Shape);
        Assert.Equal(112f, read.Data[(1 * 2 + 1) * 3 + 2]);
        Assert.Equal(map.ToPlanar(), read.Data);
    }

    [Fact]
    public void APlanarMapIsSavedByteForByteAsItsBlockedTwin()
    {
        var values = new float[3 * 5 * 7];
        for (int i = 0; i < values.Length; i++) values[i] = i * 0.5f - 9f;
        var blocked = FeatureMap.FromPlanar(values, 3, 5, 7);
        NpyFile.Write(PathOf("blocked.npy"), blocked);
        NpyFile.Write(PathOf("planar.npy"), blocked.InLayout(ChannelLayout.Planar));
        Assert.Equal(File.ReadAllBytes(PathOf("blocked.npy")), File.ReadAllBytes(PathOf("planar.npy")));
    }

    [Fact]
    public void WriteReplacesAtomicallyAndLeavesNoTemporaryFile()
    {
        string path = PathOf("w.npy");
        File.WriteAllText(path, "old");
        NpyFile.Write(path, [1f, 2f], [2]);
        Assert.Equal([1f, 2f], NpyFile.Read(path).Data);
        Assert.Equal(["w.npy"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteIntoAMissingFolderNamesTheFile()
    {
        string path = Path.Combine(_folder, "no", "such", "x.npy");
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Write(path, [1f], [1]));
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void ReadsVersionTwoAndFloat64()
    {
        // Version 2.0: a 4-byte header length. float64 values are converted to float32.
        string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";
        int total = 12 + dict.Length + 1;
        int pad = (64 - total % 64) % 64;
        var bytes = new List<byte>(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 });
        var len = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)(dict.Length + pad + 1));
        bytes.AddRange(len);
        bytes.AddRange(Encoding.ASCII.GetBytes(dict + new string(' ', pad) + "\n"));
        foreach (double v in new[] { 1.5, -2.25, 1e-3 })
        {
            var b = new byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(b, v);
            bytes.AddRange(b);
        }
        var array = NpyFile.Parse(bytes.ToArray(), "v2.npy");
        Assert.Equal(new[] { 3 }, array.Shape);
        Assert.Equal(new[] { 1.5f, -2.25f, 1e-3f }, array.Data);
    }

    public static TheoryData<string, string> BadHeaders => new()
    {
        { "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", "dtype '<i4' is not supported" },
        { "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", "dtype '>f4' is not supported" },
        { "{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", "fortran_order is True" },
        { "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }", "expected True or False" },
        { "{'descr': '<f4', 'shape': (2,), }", "lacks" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }", "integer dimension" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "unknown key 'extra'" },
        { "garbage", "unreadable header" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } trailing", "unexpected text" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void BadHeadersAreOneLineErrorsNamingTheFile(string dict, string expected)
    {
        var bytes = WithHeader(dict, 8);
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Parse(bytes, "weights.npy"));
        Assert.StartsWith("weights.npy: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void BadMagicTruncationAndTrailingBytesAreRefused()
    {
        string path = PathOf("t.npy");
        NpyFile.Write(path, new float[6], [2, 3]);
        var good = File.ReadAllBytes(path);

        var magic = (byte[])good.Clone();
        magic[1] = (byte)'X';
        Assert.Contains("bad magic", Assert.Throws<NpyFormatException>(() => NpyFile.Parse(magic, path)).Message);
        Assert.Contains("bad magic", Assert.Throws<NpyFormatException>(() => NpyFile.Parse(good[..4], path)).Message);

        File.WriteAllBytes(path, good[..^1]);
        var truncated = Assert.Throws<NpyFormatException>(() => NpyFile.Read(path));
        Assert.Equal($"{path}: truncated data: shape (2, 3) needs 24 bytes, the file has 23", truncated.Message);

        Assert.Contains("truncated header", Assert.Throws<NpyFormatException>(() => NpyFile.Parse(good[..40], path)).Message);
        Assert.Contains("bytes past the end", Assert.Throws<NpyFormatException>(() => NpyFile.Parse([.. good, 0, 0, 0, 0], path)).Message);

        var version = (byte[])good.Clone();
        version[6] = 9;
        Assert.Contains("unsupported .npy version 9.0", Assert.Throws<NpyFormatException>(() => NpyFile.Parse(version, path)).Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string path = PathOf("missing.npy");
        Assert.Equal($"{path}: file not found", Assert.Throws<NpyFormatException>(() => NpyFile.Read(path)).Message);
    }

    [Fact]
    public void WriteRefusesAShapeThatDoesNotHoldTheData() =>
        Assert.Throws<ArgumentException>(() => NpyFile.Write(PathOf("x.npy"), new float[5], [2, 3]));

    /// <summary>A v1.0 file with <paramref name="dict"/> as its header and <paramref name="dataBytes"/> zero bytes of data.</summary>
    internal static byte[] WithHeader(string dict, int dataBytes)
    {
        int pad = (64 - (10 + dict.Length + 1) % 64) % 64;
        string text = dict + new string(' ', pad) + "\n";
        var bytes = new byte[10 + text.Length + dataBytes];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text).CopyTo(bytes, 10);
        return bytes;
    }
}
