using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RealtimeConv.Tensors;

/// <summary>
/// A float32 feature map of <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/>, stored
/// in one of two layouts (<see cref="ChannelLayout"/>): channel-blocked, <c>[ceil(C/8)][H][W][8]</c>
/// (oneDNN's "nChw8c"), or planar, <c>[C][H][W]</c> (NCHW), which is the same formula with blocks of
/// one channel.
/// </summary>
/// <remarks>
/// <para>The layout contract, written once, with <c>L</c> = <see cref="Lanes"/> (8 blocked, 1 planar):</para>
/// <list type="bullet">
/// <item>Channel <c>c</c> of pixel <c>(y, x)</c> lives at
/// <c>(c / L) * BlockStride + (y * Width + x) * L + c % L</c> in <see cref="Span"/>.</item>
/// <item>Blocked: one block holds 8 channels, exactly one <c>Vector256&lt;float&gt;</c> per pixel, so depthwise
/// kernels vectorise across channels and pointwise kernels read 8 contiguous channels per pixel.
/// Channels past <see cref="Channels"/> in the last block are padding and are kept at zero by
/// every kernel, so a kernel may read whole blocks without masking.</item>
/// <item>Planar: one plane per channel, and a vector holds 8 neighbouring pixels of a row. A 3-channel
/// image costs 3 floats a pixel instead of a block's 8, which is what a memory-bound stem layer pays
/// for (<see cref="PreferredLayout"/>).</item>
/// <item><see cref="BlockStride"/> is at least <c>H * W * L</c>, rounded up to a cache line and nudged off
/// multiples of 4 KiB so that the same pixel of consecutive blocks does not alias in the caches.
/// The floats between a block's end and the next block's start are kept at zero.</item>
/// <item>The storage is pinned and starts on a 64-byte cache line, so aligned and non-temporal vector stores are
/// legal and, with <see cref="BlockStride"/> a whole number of lines, every block starts on a line, and so does
/// every row of an even-width blocked map (of a planar map only when the width is a multiple of 16): a streamed
/// row is written as whole lines, which is why only blocked outputs are streamed.</item>
/// </list>
/// <para>The GPU shaders use the same idea with 4 channels per block (<c>vec4</c>, ncnn's pack4);
/// converting a blocked map is a copy of half-blocks, a planar one gathers four planes per vec4.</para>
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
    private readonly int _laneShift;

    /// <summary>Maps of this many channels or fewer are planar in the layout kernels prefer (<see cref="PreferredLayout"/>).</summary>
    public const int PlanarChannelLimit = 4;

    /// <summary>Creates a zero-filled channel-blocked map.</summary>
    public FeatureMap(int channels, int height, int width)
        : this(channels, height, width, ChannelLayout.Blocked)
    {
    }

    /// <summary>Creates a zero-filled map in <paramref name="layout"/>.</summary>
    public FeatureMap(int channels, int height, int width, ChannelLayout layout)
    {
        if (layout is not (ChannelLayout.Blocked or ChannelLayout.Planar)) throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown layout");
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "a feature map needs at least one channel");
        if (height < 1 || height > MaxSide) throw new ArgumentOutOfRangeException(nameof(height), height, $"height must be 1..{MaxSide}");
        if (width < 1 || width > MaxSide) throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be 1..{MaxSide}");
        Channels = channels;
        Height = height;
        Width = width;
        Layout = layout;
        _laneShift = layout == ChannelLayout.Blocked ? 3 : 0;
        BlockStride = PaddedBlockStride(height, width, Lanes);
        long length = (long)Blocks * BlockStride;
        if (length > Array.MaxLength - AlignmentBytes) throw new ArgumentOutOfRangeException(nameof(channels), "feature map too large");
        // Pinned so that the alignment computed here stays true for the life of the array. A large map starts on
        // a huge page (up to 2 MiB of slack) so that all its whole pages can be huge ones (HugePages).
        long bytes = length * sizeof(float);
        int alignment = HugePages.Worthwhile(bytes) && length <= Array.MaxLength - HugePages.PageBytes / sizeof(float)
            ? (int)HugePages.PageBytes : AlignmentBytes;
        _storage = GC.AllocateArray<float>((int)length + alignment / sizeof(float), pinned: true);
        _offset = AlignedOffset(_storage, alignment);
        Length = (int)length;
        if (alignment > AlignmentBytes) AdviseHugePages();
    }

    /// <summary>Number of real channels.</summary>
    public int Channels { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>How the channels are laid out.</summary>
    public ChannelLayout Layout { get; }

    /// <summary>Channels per block, which is also floats per pixel within a block: 8 blocked, 1 planar.</summary>
    public int Lanes => 1 << _laneShift;

    /// <summary>Number of blocks, <c>ceil(Channels / Lanes)</c>: 8-channel blocks, or planes.</summary>
    public int Blocks => (Channels + Lanes - 1) >> _laneShift;

    /// <summary>Floats between the starts of two consecutive blocks (planes, when planar).</summary>
    public int BlockStride { get; }

    /// <summary>Floats in one row of one block: <c>Width * Lanes</c>.</summary>
    public int RowStride => Width << _laneShift;

    /// <summary>Total floats in <see cref="Span"/>, padding included.</summary>
    public int Length { get; }

    /// <summary>The whole map in the layout described on the type.</summary>
    public Span<float> Span => _storage.AsSpan(_offset, Length);

    /// <summary>One block: <c>[H][W][Lanes]</c> (plus stride padding at its end).</summary>
    public Span<float> Block(int block) => _storage.AsSpan(_offset + block * BlockStride, BlockStride);

    /// <summary>Offset in <see cref="Span"/> of channel <paramref name="c"/> at (<paramref name="y"/>, <paramref name="x"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(int c, int y, int x) => (c >> _laneShift) * BlockStride + ((y * Width + x) << _laneShift) + (c & (Lanes - 1));

    /// <summary>Reads or writes one value (slow path, for tests and converters).</summary>
    public float this[int c, int y, int x]
    {
        get => _storage[_offset + IndexOf(c, y, x)];
        set => _storage[_offset + IndexOf(c, y, x)] = value;
    }

    /// <summary>A pointer to the first float; valid for the life of this map (the storage is pinned).</summary>
    public unsafe float* Pointer => (float*)Unsafe.AsPointer(ref _storage[_offset]);

    /// <summary>Builds a map in <paramref name="layout"/> from planar <c>[C][H][W]</c> data (ONNX's NCHW with N = 1).</summary>
    public static FeatureMap FromPlanar(ReadOnlySpan<float> chw, int channels, int height, int width, ChannelLayout layout = ChannelLayout.Blocked)
    {
        if (chw.Length != channels * height * width)
            throw new ArgumentException($"planar data has {chw.Length} values, expected {channels}×{height}×{width}", nameof(chw));
        var map = new FeatureMap(channels, height, width, layout);
        map.ReadPlanar(chw);
        return map;
    }

    /// <summary>Copies the map out as planar <c>[C][H][W]</c> data.</summary>
    public float[] ToPlanar()
    {
        var chw = new float[Channels * Height * Width];
        WritePlanar(chw);
        return chw;
    }

    /// <summary>Copies the map into <paramref name="chw"/>, planar <c>[C][H][W]</c>, which must hold exactly C·H·W values.</summary>
    public void WritePlanar(Span<float> chw)
    {
        int plane = Height * Width;
        if (chw.Length != Channels * plane)
            throw new ArgumentException($"planar buffer has {chw.Length} values, the map {ShapeText} needs {Channels * plane}", nameof(chw));
        var src = Span;
        int lanes = Lanes;
        for (int c = 0; c < Channels; c++)
        {
            var dst = chw.Slice(c * plane, plane);
            int baseIndex = IndexOf(c, 0, 0);
            if (lanes == 1) src.Slice(baseIndex, plane).CopyTo(dst);
            else for (int p = 0; p < plane; p++) dst[p] = src[baseIndex + p * lanes];
        }
    }

    /// <summary>
    /// Fills the map from planar <c>[C][H][W]</c> data holding exactly C·H·W values; padding (channels past
    /// <see cref="Channels"/> in a block, floats past a block's end) is set to zero, so every float is written.
    /// </summary>
    public void ReadPlanar(ReadOnlySpan<float> chw)
    {
        int plane = Height * Width;
        if (chw.Length != Channels * plane)
            throw new ArgumentException($"planar data has {chw.Length} values, the map {ShapeText} needs {Channels * plane}", nameof(chw));
        var dst = Span;
        if (Lanes > 1 || BlockStride != plane) dst.Clear();
        int lanes = Lanes;
        for (int c = 0; c < Channels; c++)
        {
            var src = chw.Slice(c * plane, plane);
            int baseIndex = IndexOf(c, 0, 0);
            if (lanes == 1) src.CopyTo(dst.Slice(baseIndex, plane));
            else for (int p = 0; p < plane; p++) dst[baseIndex + p * lanes] = src[p];
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/>, a map of the same shape in either layout, into this one: a straight
    /// copy when the layouts match, else a transpose between blocks and planes.
    /// </summary>
    public void CopyFrom(FeatureMap source) => CopyRows(source, 0, Height);

    /// <summary>
    /// <see cref="CopyFrom"/> for rows <paramref name="y0"/> .. <paramref name="y1"/> − 1 of every channel only, so
    /// that workers can each convert a band of rows; the band that ends at the last row also clears the stride
    /// tails. Bands never share a written float.
    /// </summary>
    public void CopyRows(FeatureMap source, int y0, int y1)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Channels != Channels || source.Height != Height || source.Width != Width)
            throw new ArgumentException($"shapes differ: {source.ShapeText} into {ShapeText}", nameof(source));
        if ((uint)y0 > (uint)y1 || y1 > Height) throw new ArgumentOutOfRangeException(nameof(y1), $"rows {y0}..{y1} of {Height}");
        int first = y0 * Width, count = (y1 - y0) * Width;
        if (source.Layout == Layout)
        {
            for (int b = 0; b < Blocks; b++)
                source.Block(b).Slice(first * Lanes, count * Lanes).CopyTo(Block(b).Slice(first * Lanes));
        }
        else if (Layout == ChannelLayout.Blocked) GatherPlanes(source, this, first, count);
        else ScatterBlocks(source, this, first, count);
        if (y1 == Height)
        {
            // The floats past each block's pixels (its stride tail) are zero, as the contract asks.
            int pixelFloats = Height * Width * Lanes;
            for (int b = 0; b < Blocks; b++) Block(b)[pixelFloats..].Clear();
        }
    }

    /// <summary>Planes into blocks, pixels <paramref name="first"/> .. + <paramref name="count"/> of every block (<see cref="GatherPixels"/>).</summary>
    private static unsafe void GatherPlanes(FeatureMap planar, FeatureMap blocked, int first, int count)
    {
        var planes = stackalloc float*[BlockSize];
        for (int b = 0; b < blocked.Blocks; b++)
        {
            int lanes = PlanesOfBlock(planar, b, planes);
            for (int lane = 0; lane < lanes; lane++) planes[lane] += first;
            GatherPixels(planes, lanes, blocked.Pointer + b * blocked.BlockStride + first * BlockSize, count);
        }
    }

    /// <summary>
    /// <paramref name="count"/> consecutive pixels of one block from runs of up to 8 planes: pixel p becomes the vector
    /// (planes[0][p], …, planes[lanes − 1][p], 0, …) at <c>blocked + 8p</c>. Eight pixels at a time are an 8 × 8
    /// transpose: eight plane loads in, eight pixel stores out. Shared with the kernels that compute planes and
    /// store blocks.
    /// </summary>
    internal static unsafe void GatherPixels(float** planes, int lanes, float* blocked, int count)
    {
        var rows = stackalloc Vector256<float>[BlockSize];
        int i = 0;
        for (; i + BlockSize <= count; i += BlockSize)
        {
            for (int lane = 0; lane < BlockSize; lane++) rows[lane] = lane < lanes ? Vector256.Load(planes[lane] + i) : Vector256<float>.Zero;
            Transpose(rows);
            for (int p = 0; p < BlockSize; p++) rows[p].Store(blocked + (i + p) * BlockSize);
        }
        for (; i < count; i++)
        {
            float* pixel = blocked + i * BlockSize;
            Vector256<float>.Zero.Store(pixel);
            for (int lane = 0; lane < lanes; lane++) pixel[lane] = planes[lane][i];
        }
    }

    /// <summary>
    /// Blocks into planes, pixels <paramref name="first"/> .. + <paramref name="count"/>: eight pixels' vectors
    /// transposed into eight planes' runs of eight, of which the real channels are stored.
    /// </summary>
    private static unsafe void ScatterBlocks(FeatureMap blocked, FeatureMap planar, int first, int count)
    {
        var planes = stackalloc float*[BlockSize];
        var rows = stackalloc Vector256<float>[BlockSize];
        for (int b = 0; b < blocked.Blocks; b++)
        {
            int lanes = PlanesOfBlock(planar, b, planes);
            float* src = blocked.Pointer + b * blocked.BlockStride;
            int i = first, end = first + count;
            for (; i + BlockSize <= end; i += BlockSize)
            {
                for (int p = 0; p < BlockSize; p++) rows[p] = Vector256.Load(src + (i + p) * BlockSize);
                Transpose(rows);
                for (int lane = 0; lane < lanes; lane++) rows[lane].Store(planes[lane] + i);
            }
            for (; i < end; i++)
                for (int lane = 0; lane < lanes; lane++) planes[lane][i] = src[i * BlockSize + lane];
        }
    }

    /// <summary>Points <paramref name="planes"/> at the planes of <paramref name="planar"/> that block <paramref name="block"/> holds; returns how many (8, or fewer in the last block).</summary>
    private static unsafe int PlanesOfBlock(FeatureMap planar, int block, float** planes)
    {
        int lanes = Math.Min(BlockSize, planar.Channels - block * BlockSize);
        for (int lane = 0; lane < lanes; lane++) planes[lane] = planar.Pointer + (block * BlockSize + lane) * planar.BlockStride;
        return lanes;
    }

    /// <summary>Transposes the 8 × 8 matrix whose rows are <paramref name="rows"/>, in place.</summary>
    private static unsafe void Transpose(Vector256<float>* rows)
    {
        if (Avx.IsSupported)
        {
            // Interleave pairs, then quads, then swap 128-bit halves: 24 shuffles for 64 floats.
            var t0 = Avx.UnpackLow(rows[0], rows[1]); var t1 = Avx.UnpackHigh(rows[0], rows[1]);
            var t2 = Avx.UnpackLow(rows[2], rows[3]); var t3 = Avx.UnpackHigh(rows[2], rows[3]);
            var t4 = Avx.UnpackLow(rows[4], rows[5]); var t5 = Avx.UnpackHigh(rows[4], rows[5]);
            var t6 = Avx.UnpackLow(rows[6], rows[7]); var t7 = Avx.UnpackHigh(rows[6], rows[7]);
            var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
            var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
            var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
            var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
            rows[0] = Avx.Permute2x128(u0, u4, 0x20); rows[1] = Avx.Permute2x128(u1, u5, 0x20);
            rows[2] = Avx.Permute2x128(u2, u6, 0x20); rows[3] = Avx.Permute2x128(u3, u7, 0x20);
            rows[4] = Avx.Permute2x128(u0, u4, 0x31); rows[5] = Avx.Permute2x128(u1, u5, 0x31);
            rows[6] = Avx.Permute2x128(u2, u6, 0x31); rows[7] = Avx.Permute2x128(u3, u7, 0x31);
            return;
        }
        var values = stackalloc float[BlockSize * BlockSize];
        for (int r = 0; r < BlockSize; r++) rows[r].Store(values + r * BlockSize);
        for (int r = 0; r < BlockSize; r++)
            rows[r] = Vector256.Create(values[r], values[8 + r], values[16 + r], values[24 + r], values[32 + r], values[40 + r], values[48 + r], values[56 + r]);
    }

    /// <summary>
    /// The layout the fast kernels want for a map of <paramref name="channels"/> channels: planar up to
    /// <see cref="PlanarChannelLimit"/> (an image's 3 channels would fill only 3 of a block's 8 lanes and
    /// move 8/3 as many bytes), blocked above.
    /// </summary>
    public static ChannelLayout PreferredLayout(int channels) => channels <= PlanarChannelLimit ? ChannelLayout.Planar : ChannelLayout.Blocked;

    /// <summary>Largest absolute difference between two maps of the same shape.</summary>
    public static float MaxAbsDifference(FeatureMap a, FeatureMap b)
    {
        if (a.Channels != b.Channels || a.Height != b.Height || a.Width != b.Width)
            throw new ArgumentException($"shapes differ: {a.ShapeText} vs {b.ShapeText}");
        if (a.Layout != b.Layout) return MaxAbsDifferenceByValue(a, b);
        // Whole blocks (or planes) at once, 8 floats per step: padding channels are zero in both maps (the
        // layout contract), so they add nothing. A NaN on either side makes the answer NaN, as MathF.Max would.
        int count = a.Height * a.Width * a.Lanes, whole = count / 8 * 8;
        var max = Vector256<float>.Zero;
        bool nan = false;
        float result = 0;
        for (int block = 0; block < a.Blocks; block++)
        {
            var left = a.Block(block)[..count];
            var right = b.Block(block)[..count];
            for (int i = 0; i < whole; i += 8)
            {
                var difference = Vector256.Abs(Vector256.Create<float>(left.Slice(i, 8)) - Vector256.Create<float>(right.Slice(i, 8)));
                nan |= !Vector256.EqualsAll(difference, difference);
                max = Vector256.Max(max, difference);
            }
            for (int i = whole; i < count; i++) // a plane whose pixel count is not a multiple of 8
            {
                float difference = MathF.Abs(left[i] - right[i]);
                nan |= float.IsNaN(difference);
                result = MathF.Max(result, difference);
            }
        }
        if (nan) return float.NaN;
        for (int lane = 0; lane < 8; lane++) result = MathF.Max(result, max[lane]);
        return result;
    }

    /// <summary>The same, one value at a time: for maps in different layouts (tests and checks only).</summary>
    private static float MaxAbsDifferenceByValue(FeatureMap a, FeatureMap b)
    {
        float result = 0;
        var left = a.Span;
        var right = b.Span;
        for (int c = 0; c < a.Channels; c++)
            for (int y = 0; y < a.Height; y++)
                for (int x = 0; x < a.Width; x++)
                {
                    float difference = MathF.Abs(left[a.IndexOf(c, y, x)] - right[b.IndexOf(c, y, x)]);
                    if (float.IsNaN(difference)) return float.NaN;
                    result = MathF.Max(result, difference);
                }
        return result;
    }

    /// <summary>"C×H×W", for messages.</summary>
    public string ShapeText => $"{Channels}×{Height}×{Width}";

    /// <summary>Sets every value, padding included, to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>
    /// H·W·lanes rounded up to a 64-byte line, then moved off multiples of 4 KiB: with a power-of-two
    /// stride the same pixel of every block maps to the same cache set and they evict each other.
    /// </summary>
    internal static int PaddedBlockStride(int height, int width, int lanes = BlockSize)
    {
        long floats = (long)height * width * lanes;
        floats = (floats + 15) / 16 * 16;
        if (floats % 1024 == 0) floats += 16;
        return checked((int)floats);
    }

    private static unsafe int AlignedOffset(float[] pinned, int alignment)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        nuint misalignment = address % (nuint)alignment;
        return misalignment == 0 ? 0 : (int)(((nuint)alignment - misalignment) / sizeof(float));
    }

    /// <summary>Asks for huge pages under the map (before its pages are first touched, where the GC handed out fresh memory).</summary>
    private unsafe void AdviseHugePages() => HugePages.Advise(Pointer, (long)Length * sizeof(float));
}
