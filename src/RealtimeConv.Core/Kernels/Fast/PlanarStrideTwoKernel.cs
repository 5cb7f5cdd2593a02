using System.Runtime.Intrinsics;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// One output row of one plane of a stride-2 depthwise convolution on planar maps (a MobileNet-style stem
/// that halves the image), vectorised along the row like <see cref="PlanarDepthwiseKernel"/>.
/// </summary>
/// <remarks>
/// <code>
///   out[ox] = act(bias + Σ_{ky ∈ [ky0, ky1)} Σ_{kx &lt; K} w[ky·K + kx] · row_ky[2·ox − p + kx])
/// </code>
/// At stride 2 the 8 outputs of a vector read every other input pixel, so each input row in use is first
/// split once into its even and odd pixels (two permutes per 16 pixels), each half with a zero margin on
/// both sides. Input column 2·(ox + i) + o, for the tap offset o = kx − p, is then even pixel ox + i + o/2
/// (o even) or odd pixel ox + i + (o − 1)/2 (o odd): every tap is one unaligned load, and the margins stand
/// for the columns outside the row, adding 0 · w. Each output is one chain in (ky, kx) order, as in the
/// blocked kernel, so the two agree value for value. Four vectors are in flight so that FMA latency is hidden.
/// </remarks>
internal static unsafe class PlanarStrideTwoKernel
{
    /// <summary>Pixels per vector.</summary>
    private const int Vector = 8;

    /// <summary>Vectors computed at once.</summary>
    private const int Group = 4;

    /// <summary>Zeros before each half row: past the leftmost tap, ⌈p / 2⌉ ≤ 4 pixels for K ≤ 15.</summary>
    private const int Margin = Vector;

    /// <summary>Zeros after each half row: the rightmost tap plus a last group reaching a whole group past the row.</summary>
    private const int TailMargin = Group * Vector + Vector;

    /// <summary>Floats of per-worker scratch <see cref="Row{T}"/> needs for <paramref name="kernel"/> and input <paramref name="width"/>.</summary>
    public static int ScratchFloats(int kernel, int width) => 2 * kernel * HalfStride(width) + Group * Vector;

    /// <param name="row0">Input row for ky = 0 (may lie outside the image; only rows ky0..ky1−1 are read), pixel 0 of the plane.</param>
    /// <param name="width">Input row width in pixels (also the plane's row stride).</param>
    /// <param name="ky0">First kernel row inside the image.</param>
    /// <param name="ky1">One past the last kernel row inside the image.</param>
    /// <param name="kernel">K.</param>
    /// <param name="weights">The channel's taps, each broadcast: <c>[K²][8]</c>.</param>
    /// <param name="bias">The channel's bias, broadcast.</param>
    /// <param name="clamp">The activation.</param>
    /// <param name="output">Output row, pixel 0.</param>
    /// <param name="outWidth">Output row width: ⌈width / 2⌉.</param>
    /// <param name="scratch"><see cref="ScratchFloats"/> floats of the worker's own.</param>
    /// <param name="rowsSplit">
    /// Whether <paramref name="scratch"/> already holds these input rows split (the previous call read the same
    /// rows for another output plane of the same input plane, d &gt; 1): they are then not split again.
    /// </param>
    public static void Row<T>(float* row0, int width, int ky0, int ky1, int kernel, float* weights, Vector256<float> bias,
        OutputClamp clamp, float* output, int outWidth, float* scratch, bool rowsSplit) where T : struct, IVectorMath
    {
        int pad = (kernel - 1) / 2, half = HalfStride(width);
        for (int ky = ky0; ky < ky1 && !rowsSplit; ky++)
            Split<T>(row0 + ky * width, width, scratch + 2 * ky * half, scratch + (2 * ky + 1) * half);
        float* results = scratch + 2 * kernel * half;
        for (int ox = 0; ox < outWidth; ox += Group * Vector)
        {
            // A group reaching past the row's end is computed into scratch and only the row's part copied.
            bool whole = ox + Group * Vector <= outWidth;
            float* target = whole ? output + ox : results;
            Vector256<float> a0 = bias, a1 = bias, a2 = bias, a3 = bias;
            for (int ky = ky0; ky < ky1; ky++)
            {
                float* even = scratch + 2 * ky * half + Margin + ox, odd = even + half;
                float* w = weights + ky * kernel * Vector;
                for (int kx = 0; kx < kernel; kx++, w += Vector)
                {
                    int offset = kx - pad;
                    float* source = (offset & 1) == 0 ? even + offset / 2 : odd + (offset - 1) / 2;
                    var wv = Vector256.Load(w);
                    a0 = T.MultiplyAdd(Vector256.Load(source), wv, a0);
                    a1 = T.MultiplyAdd(Vector256.Load(source + Vector), wv, a1);
                    a2 = T.MultiplyAdd(Vector256.Load(source + 2 * Vector), wv, a2);
                    a3 = T.MultiplyAdd(Vector256.Load(source + 3 * Vector), wv, a3);
                }
            }
            clamp.Apply(a0).Store(target);
            clamp.Apply(a1).Store(target + Vector);
            clamp.Apply(a2).Store(target + 2 * Vector);
            clamp.Apply(a3).Store(target + 3 * Vector);
            if (!whole) new ReadOnlySpan<float>(results, outWidth - ox).CopyTo(new Span<float>(output + ox, outWidth - ox));
        }
    }

    /// <summary>
    /// Even pixels of <paramref name="row"/> to <c>even + Margin</c>, odd ones to <c>odd + Margin</c>, zeros in the
    /// margins before and after each half.
    /// </summary>
    private static void Split<T>(float* row, int width, float* even, float* odd) where T : struct, IVectorMath
    {
        int half = HalfStride(width), evens = (width + 1) / 2, odds = width / 2;
        new Span<float>(even, Margin).Clear();
        new Span<float>(odd, Margin).Clear();
        new Span<float>(even + Margin + evens, half - Margin - evens).Clear();
        new Span<float>(odd + Margin + odds, half - Margin - odds).Clear();
        even += Margin;
        odd += Margin;
        // Lanes 0..3 of the permuted vector are its even pixels, 4..7 its odd ones.
        var split = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
        int x = 0;
        for (; x + 2 * Vector <= width; x += 2 * Vector)
        {
            var low = T.Permute(Vector256.Load(row + x), split);
            var high = T.Permute(Vector256.Load(row + x + Vector), split);
            Vector256.Create(low.GetLower(), high.GetLower()).Store(even + x / 2);
            Vector256.Create(low.GetUpper(), high.GetUpper()).Store(odd + x / 2);
        }
        for (; x < width; x++) ((x & 1) == 0 ? even : odd)[x / 2] = row[x];
    }

    /// <summary>Floats of one half row: the margins around ⌈width / 2⌉ pixels, rounded up to a vector.</summary>
    private static int HalfStride(int width) => ((width + 1) / 2 + Margin + TailMargin + Vector - 1) / Vector * Vector;
}
