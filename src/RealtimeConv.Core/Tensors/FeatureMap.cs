using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RealtimeConv.Tensors;

/// <summary>
/// A float32 feature map of <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/>,
/// stored channel-blocked: <c>[ceil(C/8)][H][W][8]</c> (oneDNN's "nChw8c").
/// </summary>
/// <remarks>
/// <para>The layout contract, written once:</para>
/// <list type="bullet">
/// <item>Channel <c>c</c> of pixel <c>(y, x)</c> lives at
/// <c>(c / 8) * BlockStride + (y * Width + x) * 8 + c % 8</c> in <see cref="Span"/>.</item>
/// <item>One block holds 8 channels, exactly one <c>Vector256&lt;float&gt;</c> per pixel, so depthwise
/// kernels vectorise across channels and pointwise kernels read 8 contiguous channels per pixel.</item>
/// <item>Channels past <see cref="Channels"/> in the last block are padding and are kept at zero by
/// every kernel, so a kernel may read whole blocks without masking.</item>
/// <item><see cref="BlockStride"/> is at least <c>H * W * 8</c>, rounded up to a cache line and nudged off
/// multiples of 4 KiB so that the same pixel of consecutive blocks does not alias in the caches.</item>
/// <item>The storage is pinned and starts on a 64-byte cache line, so aligned and non-temporal vector stores are
/// legal and, with <see cref="BlockStride"/> a whole number of lines, every block (and every row of an even-width
/// map) starts on a line: a streamed row is written as whole lines.</item>
/// </list>
/// <para>The GPU shaders use the same idea with 4 channels per block (<c>vec4</c>, ncnn's pack4);
/// converting between the two is a copy of half-blocks.</para>
/// </remarks>
public sealed class FeatureMap
{
    /// <summary>Channels per block: one <c>Vector256&lt;float&gt;</c>.</summary>
    public const int BlockSize = 8;

    /// <summary>Largest side accepted, so that sizes multiply safely in 32-bit offsets.</summary>
    public const int MaxSide = 16384;

    private const int AlignmentBytes = 64;
    private readonly float[] _storage;
    private readonly int _offset;

    /// <summary>Creates a zero-filled map.</summary>
    public FeatureMap(int channels, int height, int width)
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "a feature map needs at least one channel");
        if (height < 1 || height > MaxSide) throw new ArgumentOutOfRangeException(nameof(height), height, $"height must be 1..{MaxSide}");
        if (width < 1 || width > MaxSide) throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be 1..{MaxSide}");
        Channels = channels;
        Height = height;
        Width = width;
        BlockStride = PaddedBlockStride(height, width);
        long length = (long)Blocks * BlockStride;
        if (length > Array.MaxLength - AlignmentBytes) throw new ArgumentOutOfRangeException(nameof(channels), "feature map too large");
        // Pinned so that the alignment computed here stays true for the life of the array.
        _storage = GC.AllocateArray<float>((int)length + AlignmentBytes / sizeof(float), pinned: true);
        _offset = AlignedOffset(_storage);
        Length = (int)length;
    }

    /// <summary>Number of real channels.</summary>
    public int Channels { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Number of 8-channel blocks, <c>ceil(Channels / 8)</c>.</summary>
    public int Blocks => (Channels + BlockSize - 1) / BlockSize;

    /// <summary>Floats between the starts of two consecutive channel blocks.</summary>
    public int BlockStride { get; }

    /// <summary>Floats in one row of one block: <c>Width * 8</c>.</summary>
    public int RowStride => Width * BlockSize;

    /// <summary>Total floats in <see cref="Span"/>, padding included.</summary>
    public int Length { get; }

    /// <summary>The whole map in the layout described on the type.</summary>
    public Span<float> Span => _storage.AsSpan(_offset, Length);

    /// <summary>One channel block: <c>[H][W][8]</c> (plus stride padding at its end).</summary>
    public Span<float> Block(int block) => _storage.AsSpan(_offset + block * BlockStride, BlockStride);

    /// <summary>Offset in <see cref="Span"/> of channel <paramref name="c"/> at (<paramref name="y"/>, <paramref name="x"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(int c, int y, int x) => (c >> 3) * BlockStride + (y * Width + x) * BlockSize + (c & 7);

    /// <summary>Reads or writes one value (slow path, for tests and converters).</summary>
    public float this[int c, int y, int x]
    {
        get => _storage[_offset + IndexOf(c, y, x)];
        set => _storage[_offset + IndexOf(c, y, x)] = value;
    }

    /// <summary>A pointer to the first float; valid for the life of this map (the storage is pinned).</summary>
    public unsafe float* Pointer => (float*)Unsafe.AsPointer(ref _storage[_offset]);

    /// <summary>Builds a map from planar <c>[C][H][W]</c> data (ONNX's NCHW with N = 1).</summary>
    public static FeatureMap FromPlanar(ReadOnlySpan<float> chw, int channels, int height, int width)
    {
        if (chw.Length != channels * height * width)
            throw new ArgumentException($"planar data has {chw.Length} values, expected {channels}×{height}×{width}", nameof(chw));
        var map = new FeatureMap(channels, height, width);
        var dst = map.Span;
        int plane = height * width;
        for (int c = 0; c < channels; c++)
        {
            int baseIndex = (c >> 3) * map.BlockStride + (c & 7);
            var src = chw.Slice(c * plane, plane);
            for (int p = 0; p < plane; p++) dst[baseIndex + p * BlockSize] = src[p];
        }
        return map;
    }

    /// <summary>Copies the map out as planar <c>[C][H][W]</c> data.</summary>
    public float[] ToPlanar()
    {
        int plane = Height * Width;
        var chw = new float[Channels * plane];
        var src = Span;
        for (int c = 0; c < Channels; c++)
        {
            int baseIndex = (c >> 3) * BlockStride + (c & 7);
            for (int p = 0; p < plane; p++) chw[c * plane + p] = src[baseIndex + p * BlockSize];
        }
        return chw;
    }

    /// <summary>Largest absolute difference between two maps of the same shape.</summary>
    public static float MaxAbsDifference(FeatureMap a, FeatureMap b)
    {
        if (a.Channels != b.Channels || a.Height != b.Height || a.Width != b.Width)
            throw new ArgumentException($"shapes differ: {a.ShapeText} vs {b.ShapeText}");
        // Whole blocks at once, 8 lanes per step: padding channels are zero in both maps (the layout
        // contract), so they add nothing. A NaN on either side makes the answer NaN, as MathF.Max would.
        int count = a.Height * a.Width * BlockSize;
        var max = Vector256<float>.Zero;
        bool nan = false;
        for (int block = 0; block < a.Blocks; block++)
        {
            var left = a.Block(block)[..count];
            var right = b.Block(block)[..count];
            for (int i = 0; i < count; i += BlockSize)
            {
                var difference = Vector256.Abs(Vector256.Create<float>(left.Slice(i, BlockSize)) - Vector256.Create<float>(right.Slice(i, BlockSize)));
                nan |= !Vector256.EqualsAll(difference, difference);
                max = Vector256.Max(max, difference);
            }
        }
        if (nan) return float.NaN;
        float result = 0;
        for (int lane = 0; lane < BlockSize; lane++) result = MathF.Max(result, max[lane]);
        return result;
    }

    /// <summary>"C×H×W", for messages.</summary>
    public string ShapeText => $"{Channels}×{Height}×{Width}";

    /// <summary>Sets every value, padding included, to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>
    /// H·W·8 rounded up to a 64-byte line, then moved off multiples of 4 KiB: with a power-of-two
    /// stride the same pixel of every block maps to the same cache set and they evict each other.
    /// </summary>
    internal static int PaddedBlockStride(int height, int width)
    {
        long floats = (long)height * width * BlockSize;
        floats = (floats + 15) / 16 * 16;
        if (floats % 1024 == 0) floats += 16;
        return checked((int)floats);
    }

    private static unsafe int AlignedOffset(float[] pinned)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        nuint misalignment = address % AlignmentBytes;
        return misalignment == 0 ? 0 : (int)((AlignmentBytes - misalignment) / sizeof(float));
    }
}
