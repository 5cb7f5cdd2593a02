using System.Runtime.Intrinsics;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// The register-blocked micro-kernels shared by the pointwise GEMM and the standard convolution's
/// implicit GEMM. A tile is up to 6 output pixels × 16 output channels (two channel blocks):
/// <code>
///   acc[i][j] = init[j] + Σ_t Σ_{m &lt; M} in[anchor_i + tap_t + (m / L)·inBlockStride + m % L] · panel[W_t + 16·m + j]
///   anchor_i  = input + i·inStep,       i = 0..5 (the tile's pixels),  j = 0..15 (its channels)
/// </code>
/// where L = <c>inLanes</c> is the input's channels per block: 8 for a blocked map, 1 for a planar one
/// (whose "blocks" are planes). The output is always blocked.
/// Per reduction step: one broadcast of the input value per pixel, two weight vector loads and 12
/// FMAs into 12 accumulators, which with the two weight registers and the broadcast fill the 16 ymm
/// registers. In the 6-pixel tiles every accumulator is one chain over (t, m) in a fixed order, so a
/// pixel's value does not depend on which of these kernels computed it (a run's short tail is covered by
/// an overlapping tile where the reduction is whole, else one pixel at a time). Only <see cref="EdgePixels1x16"/>, used
/// where no tile ever reaches, rounds differently.
/// </summary>
internal static unsafe class GemmMicroKernels
{
    /// <summary>Pixels per full tile.</summary>
    public const int TilePixels = 6;

    /// <summary>Output channels per full tile.</summary>
    public const int TileChannels = 16;

    /// <summary>
    /// <paramref name="groups"/> consecutive 6-pixel × 16-channel tiles. Input pixel i of group g is at
    /// <c>input + (6g + i)·inStep</c>; output pixel i at <c>output + (6g + i)·8</c> in block 0 and the same
    /// plus <paramref name="outBlockStride"/> in block 1.
    /// </summary>
    public static void Tiles6x16<T>(GemmTap* taps, int tapCount, float* input, int inStep, int inBlockStride, int inLanes, int channels,
        float* panel, float* output, int outBlockStride, int groups, in TileEpilogue epilogue) where T : struct, IVectorMath
    {
        // One compiled body per input layout, so neither carries the other's loop (and registers), and per clamp kind.
        bool noUpper = epilogue.Clamp.HasNoUpperBound;
        if (inLanes == 1)
        {
            if (noUpper) Tiles6x16In<T, PlanarLanes, NoUpperBound>(taps, tapCount, input, inStep, inBlockStride, channels, panel, output, outBlockStride, groups, epilogue);
            else Tiles6x16In<T, PlanarLanes, BothBounds>(taps, tapCount, input, inStep, inBlockStride, channels, panel, output, outBlockStride, groups, epilogue);
        }
        else if (noUpper) Tiles6x16In<T, BlockedLanes, NoUpperBound>(taps, tapCount, input, inStep, inBlockStride, channels, panel, output, outBlockStride, groups, epilogue);
        else Tiles6x16In<T, BlockedLanes, BothBounds>(taps, tapCount, input, inStep, inBlockStride, channels, panel, output, outBlockStride, groups, epilogue);
    }

    private static void Tiles6x16In<T, TIn, TClamp>(GemmTap* taps, int tapCount, float* input, int inStep, int inBlockStride, int channels,
        float* panel, float* output, int outBlockStride, int groups, in TileEpilogue epilogue)
        where T : struct, IVectorMath where TIn : struct, ILanes where TClamp : struct, IClampKind
    {
        nint s = inStep;
        for (int g = 0; g < groups; g++, input += TilePixels * inStep, output += TilePixels * 8)
        {
            float* o0 = output, o1 = output + outBlockStride;
            Vector256<float> a0, a1, a2, a3, a4, a5, b0, b1, b2, b3, b4, b5;
            if (epilogue.Accumulate)
            {
                a0 = Vector256.Load(o0); a1 = Vector256.Load(o0 + 8); a2 = Vector256.Load(o0 + 16);
                a3 = Vector256.Load(o0 + 24); a4 = Vector256.Load(o0 + 32); a5 = Vector256.Load(o0 + 40);
                b0 = Vector256.Load(o1); b1 = Vector256.Load(o1 + 8); b2 = Vector256.Load(o1 + 16);
                b3 = Vector256.Load(o1 + 24); b4 = Vector256.Load(o1 + 32); b5 = Vector256.Load(o1 + 40);
            }
            else
            {
                a0 = a1 = a2 = a3 = a4 = a5 = Vector256.Load(epilogue.Bias);
                b0 = b1 = b2 = b3 = b4 = b5 = Vector256.Load(epilogue.Bias + 8);
            }
            for (int t = 0; t < tapCount; t++)
            {
                float* p = input + taps[t].InputOffset;
                float* w = panel + taps[t].WeightOffset;
                if (TIn.Count == 1)
                {
                    // Planes: one channel per plane, each a tight step of its own (the blocked loops below
                    // would set up a block for every single channel).
                    nint plane = inBlockStride;
                    for (int m = 0; m < channels; m++, p += plane, w += TileChannels)
                    {
                        var w0 = Vector256.Load(w);
                        var w1 = Vector256.Load(w + 8);
                        var x = Vector256.Create(*p);
                        a0 = T.MultiplyAdd(x, w0, a0); b0 = T.MultiplyAdd(x, w1, b0);
                        x = Vector256.Create(p[s]);
                        a1 = T.MultiplyAdd(x, w0, a1); b1 = T.MultiplyAdd(x, w1, b1);
                        x = Vector256.Create(p[2 * s]);
                        a2 = T.MultiplyAdd(x, w0, a2); b2 = T.MultiplyAdd(x, w1, b2);
                        x = Vector256.Create(p[3 * s]);
                        a3 = T.MultiplyAdd(x, w0, a3); b3 = T.MultiplyAdd(x, w1, b3);
                        x = Vector256.Create(p[4 * s]);
                        a4 = T.MultiplyAdd(x, w0, a4); b4 = T.MultiplyAdd(x, w1, b4);
                        x = Vector256.Create(p[5 * s]);
                        a5 = T.MultiplyAdd(x, w0, a5); b5 = T.MultiplyAdd(x, w1, b5);
                    }
                    continue;
                }
                for (int m = 0; m < channels; m += TIn.Count, p += inBlockStride)
                {
                    // Pixels 0..2 at q + {0, 1, 2}·s and 3..5 at q3 + {0, 1, 2}·s: scaled-index addresses, few registers.
                    float* q = p, q3 = p + 3 * s;
                    float* end = p + Math.Min(TIn.Count, channels - m);
                    // Two channels per iteration (the same order as one at a time): loop overhead per
                    // FMA halves, which measured faster here than the one-channel loop alone.
                    for (; q + 1 < end; q += 2, q3 += 2, w += 2 * TileChannels)
                    {
                        var w0 = Vector256.Load(w);
                        var w1 = Vector256.Load(w + 8);
                        var x = Vector256.Create(*q);
                        a0 = T.MultiplyAdd(x, w0, a0); b0 = T.MultiplyAdd(x, w1, b0);
                        x = Vector256.Create(q[s]);
                        a1 = T.MultiplyAdd(x, w0, a1); b1 = T.MultiplyAdd(x, w1, b1);
                        x = Vector256.Create(q[2 * s]);
                        a2 = T.MultiplyAdd(x, w0, a2); b2 = T.MultiplyAdd(x, w1, b2);
                        x = Vector256.Create(*q3);
                        a3 = T.MultiplyAdd(x, w0, a3); b3 = T.MultiplyAdd(x, w1, b3);
                        x = Vector256.Create(q3[s]);
                        a4 = T.MultiplyAdd(x, w0, a4); b4 = T.MultiplyAdd(x, w1, b4);
                        x = Vector256.Create(q3[2 * s]);
                        a5 = T.MultiplyAdd(x, w0, a5); b5 = T.MultiplyAdd(x, w1, b5);
                        w0 = Vector256.Load(w + 16);
                        w1 = Vector256.Load(w + 24);
                        x = Vector256.Create(q[1]);
                        a0 = T.MultiplyAdd(x, w0, a0); b0 = T.MultiplyAdd(x, w1, b0);
                        x = Vector256.Create(q[s + 1]);
                        a1 = T.MultiplyAdd(x, w0, a1); b1 = T.MultiplyAdd(x, w1, b1);
                        x = Vector256.Create(q[2 * s + 1]);
                        a2 = T.MultiplyAdd(x, w0, a2); b2 = T.MultiplyAdd(x, w1, b2);
                        x = Vector256.Create(q3[1]);
                        a3 = T.MultiplyAdd(x, w0, a3); b3 = T.MultiplyAdd(x, w1, b3);
                        x = Vector256.Create(q3[s + 1]);
                        a4 = T.MultiplyAdd(x, w0, a4); b4 = T.MultiplyAdd(x, w1, b4);
                        x = Vector256.Create(q3[2 * s + 1]);
                        a5 = T.MultiplyAdd(x, w0, a5); b5 = T.MultiplyAdd(x, w1, b5);
                    }
                    for (; q < end; q++, q3++, w += TileChannels)
                    {
                        var w0 = Vector256.Load(w);
                        var w1 = Vector256.Load(w + 8);
                        var x = Vector256.Create(*q);
                        a0 = T.MultiplyAdd(x, w0, a0); b0 = T.MultiplyAdd(x, w1, b0);
                        x = Vector256.Create(q[s]);
                        a1 = T.MultiplyAdd(x, w0, a1); b1 = T.MultiplyAdd(x, w1, b1);
                        x = Vector256.Create(q[2 * s]);
                        a2 = T.MultiplyAdd(x, w0, a2); b2 = T.MultiplyAdd(x, w1, b2);
                        x = Vector256.Create(*q3);
                        a3 = T.MultiplyAdd(x, w0, a3); b3 = T.MultiplyAdd(x, w1, b3);
                        x = Vector256.Create(q3[s]);
                        a4 = T.MultiplyAdd(x, w0, a4); b4 = T.MultiplyAdd(x, w1, b4);
                        x = Vector256.Create(q3[2 * s]);
                        a5 = T.MultiplyAdd(x, w0, a5); b5 = T.MultiplyAdd(x, w1, b5);
                    }
                }
            }
            if (epilogue.Finish)
            {
                var clamp = epilogue.Clamp;
                a0 = TClamp.Apply(clamp, a0); a1 = TClamp.Apply(clamp, a1); a2 = TClamp.Apply(clamp, a2); a3 = TClamp.Apply(clamp, a3); a4 = TClamp.Apply(clamp, a4); a5 = TClamp.Apply(clamp, a5);
                b0 = TClamp.Apply(clamp, b0); b1 = TClamp.Apply(clamp, b1); b2 = TClamp.Apply(clamp, b2); b3 = TClamp.Apply(clamp, b3); b4 = TClamp.Apply(clamp, b4); b5 = TClamp.Apply(clamp, b5);
            }
            if (epilogue.Stream)
            {
                T.StoreStreaming(a0, o0); T.StoreStreaming(a1, o0 + 8); T.StoreStreaming(a2, o0 + 16);
                T.StoreStreaming(a3, o0 + 24); T.StoreStreaming(a4, o0 + 32); T.StoreStreaming(a5, o0 + 40);
                T.StoreStreaming(b0, o1); T.StoreStreaming(b1, o1 + 8); T.StoreStreaming(b2, o1 + 16);
                T.StoreStreaming(b3, o1 + 24); T.StoreStreaming(b4, o1 + 32); T.StoreStreaming(b5, o1 + 40);
            }
            else
            {
                a0.Store(o0); a1.Store(o0 + 8); a2.Store(o0 + 16); a3.Store(o0 + 24); a4.Store(o0 + 32); a5.Store(o0 + 40);
                b0.Store(o1); b1.Store(o1 + 8); b2.Store(o1 + 16); b3.Store(o1 + 24); b4.Store(o1 + 32); b5.Store(o1 + 40);
            }
        }
    }

    /// <summary>As <see cref="Tiles6x16"/> with one output block: the last tile when the block count is odd.</summary>
    public static void Tiles6x8<T>(GemmTap* taps, int tapCount, float* input, int inStep, int inBlockStride, int inLanes, int channels,
        float* panel, float* output, int groups, in TileEpilogue epilogue) where T : struct, IVectorMath
    {
        // One compiled body per input layout, so neither carries the other's loop (and registers).
        if (inLanes == 1) Tiles6x8In<T, PlanarLanes>(taps, tapCount, input, inStep, inBlockStride, channels, panel, output, groups, epilogue);
        else Tiles6x8In<T, BlockedLanes>(taps, tapCount, input, inStep, inBlockStride, channels, panel, output, groups, epilogue);
    }

    private static void Tiles6x8In<T, TIn>(GemmTap* taps, int tapCount, float* input, int inStep, int inBlockStride, int channels,
        float* panel, float* output, int groups, in TileEpilogue epilogue) where T : struct, IVectorMath where TIn : struct, ILanes
    {
        nint s = inStep;
        for (int g = 0; g < groups; g++, input += TilePixels * inStep, output += TilePixels * 8)
        {
            float* o0 = output;
            Vector256<float> a0, a1, a2, a3, a4, a5;
            if (epilogue.Accumulate)
            {
                a0 = Vector256.Load(o0); a1 = Vector256.Load(o0 + 8); a2 = Vector256.Load(o0 + 16);
                a3 = Vector256.Load(o0 + 24); a4 = Vector256.Load(o0 + 32); a5 = Vector256.Load(o0 + 40);
            }
            else
            {
                a0 = a1 = a2 = a3 = a4 = a5 = Vector256.Load(epilogue.Bias);
            }
            for (int t = 0; t < tapCount; t++)
            {
                float* p = input + taps[t].InputOffset;
                float* w = panel + taps[t].WeightOffset;
                if (TIn.Count == 1)
                {
                    nint plane = inBlockStride;
                    for (int m = 0; m < channels; m++, p += plane, w += TileChannels)
                    {
                        var w0 = Vector256.Load(w);
                        a0 = T.MultiplyAdd(Vector256.Create(*p), w0, a0);
                        a1 = T.MultiplyAdd(Vector256.Create(p[s]), w0, a1);
                        a2 = T.MultiplyAdd(Vector256.Create(p[2 * s]), w0, a2);
                        a3 = T.MultiplyAdd(Vector256.Create(p[3 * s]), w0, a3);
                        a4 = T.MultiplyAdd(Vector256.Create(p[4 * s]), w0, a4);
                        a5 = T.MultiplyAdd(Vector256.Create(p[5 * s]), w0, a5);
                    }
                    continue;
                }
                for (int m = 0; m < channels; m += TIn.Count, p += inBlockStride)
                {
                    float* q = p, q3 = p + 3 * s;
                    float* end = p + Math.Min(TIn.Count, channels - m);
                    for (; q + 1 < end; q += 2, q3 += 2, w += 2 * TileChannels)
                    {
                        var w0 = Vector256.Load(w);
                        a0 = T.MultiplyAdd(Vector256.Create(*q), w0, a0);
                        a1 = T.MultiplyAdd(Vector256.Create(q[s]), w0, a1);
                        a2 = T.MultiplyAdd(Vector256.Create(q[2 * s]), w0, a2);
                        a3 = T.MultiplyAdd(Vector256.Create(*q3), w0, a3);
                        a4 = T.MultiplyAdd(Vector256.Create(q3[s]), w0, a4);
                        a5 = T.MultiplyAdd(Vector256.Create(q3[2 * s]), w0, a5);
                        w0 = Vector256.Load(w + TileChannels);
                        a0 = T.MultiplyAdd(Vector256.Create(q[1]), w0, a0);
                        a1 = T.MultiplyAdd(Vector256.Create(q[s + 1]), w0, a1);
                        a2 = T.MultiplyAdd(Vector256.Create(q[2 * s + 1]), w0, a2);
                        a3 = T.MultiplyAdd(Vector256.Create(q3[1]), w0, a3);
                        a4 = T.MultiplyAdd(Vector256.Create(q3[s + 1]), w0, a4);
                        a5 = T.MultiplyAdd(Vector256.Create(q3[2 * s + 1]), w0, a5);
                    }
                    for (; q < end; q++, q3++, w += TileChannels)
                    {
                        var w0 = Vector256.Load(w);
                        a0 = T.MultiplyAdd(Vector256.Create(*q), w0, a0);
                        a1 = T.MultiplyAdd(Vector256.Create(q[s]), w0, a1);
                        a2 = T.MultiplyAdd(Vector256.Create(q[2 * s]), w0, a2);
                        a3 = T.MultiplyAdd(Vector256.Create(*q3), w0, a3);
                        a4 = T.MultiplyAdd(Vector256.Create(q3[s]), w0, a4);
                        a5 = T.MultiplyAdd(Vector256.Create(q3[2 * s]), w0, a5);
                    }
                }
            }
            if (epilogue.Finish)
            {
                a0 = epilogue.Clamp.Apply(a0); a1 = epilogue.Clamp.Apply(a1); a2 = epilogue.Clamp.Apply(a2); a3 = epilogue.Clamp.Apply(a3); a4 = epilogue.Clamp.Apply(a4); a5 = epilogue.Clamp.Apply(a5);
            }
            if (epilogue.Stream)
            {
                T.StoreStreaming(a0, o0); T.StoreStreaming(a1, o0 + 8); T.StoreStreaming(a2, o0 + 16);
                T.StoreStreaming(a3, o0 + 24); T.StoreStreaming(a4, o0 + 32); T.StoreStreaming(a5, o0 + 40);
            }
            else
            {
                a0.Store(o0); a1.Store(o0 + 8); a2.Store(o0 + 16); a3.Store(o0 + 24); a4.Store(o0 + 32); a5.Store(o0 + 40);
            }
        }
    }

    /// <summary>
    /// <paramref name="pixels"/> pixels one at a time (tails), summed in the tiles' order so that the
    /// values match the tiles' bit for bit; 16 channels, or 8 when <paramref name="outBlockStride"/> is 0
    /// (the second block is then neither computed nor stored).
    /// </summary>
    public static void Pixels1x16<T>(GemmTap* taps, int tapCount, float* input, int inStep, int inBlockStride, int inLanes, int channels,
        float* panel, float* output, int outBlockStride, int pixels, in TileEpilogue epilogue) where T : struct, IVectorMath
    {
        bool two = outBlockStride != 0;
        for (int i = 0; i < pixels; i++, input += inStep, output += 8)
        {
            Vector256<float> a, b;
            if (epilogue.Accumulate)
            {
                a = Vector256.Load(output);
                b = two ? Vector256.Load(output + outBlockStride) : default;
            }
            else
            {
                a = Vector256.Load(epilogue.Bias);
                b = Vector256.Load(epilogue.Bias + 8);
            }
            for (int t = 0; t < tapCount; t++)
            {
                float* p = input + taps[t].InputOffset;
                float* w = panel + taps[t].WeightOffset;
                for (int m = 0; m < channels; m += inLanes, p += inBlockStride)
                {
                    float* q = p;
                    float* end = p + Math.Min(inLanes, channels - m);
                    for (; q < end; q++, w += TileChannels)
                    {
                        var x = Vector256.Create(*q);
                        a = T.MultiplyAdd(x, Vector256.Load(w), a);
                        b = T.MultiplyAdd(x, Vector256.Load(w + 8), b);
                    }
                }
            }
            if (epilogue.Finish)
            {
                a = epilogue.Clamp.Apply(a);
                b = epilogue.Clamp.Apply(b);
            }
            if (epilogue.Stream)
            {
                T.StoreStreaming(a, output);
                if (two) T.StoreStreaming(b, output + outBlockStride);
            }
            else
            {
                a.Store(output);
                if (two) b.Store(output + outBlockStride);
            }
        }
    }

    /// <summary>
    /// As <see cref="Pixels1x16"/> with the reduction split over two pairs of chains: about twice as
    /// fast, but rounded differently from the tiles, so only for pixels that are never in a tile
    /// whatever the thread count (the edge columns of a standard convolution).
    /// </summary>
    public static void EdgePixels1x16<T>(GemmTap* taps, int tapCount, float* input, int inStep, int inBlockStride, int inLanes, int channels,
        float* panel, float* output, int outBlockStride, int pixels, in TileEpilogue epilogue) where T : struct, IVectorMath
    {
        bool two = outBlockStride != 0;
        for (int i = 0; i < pixels; i++, input += inStep, output += 8)
        {
            Vector256<float> a, b;
            if (epilogue.Accumulate)
            {
                a = Vector256.Load(output);
                b = two ? Vector256.Load(output + outBlockStride) : default;
            }
            else
            {
                a = Vector256.Load(epilogue.Bias);
                b = Vector256.Load(epilogue.Bias + 8);
            }
            // A lone pixel has only two chains, so FMA latency would bound it at a quarter of the peak:
            // even and odd channels go to separate chains (a, b) and (c, d), added at the end.
            Vector256<float> c = default, d = default;
            for (int t = 0; t < tapCount; t++)
            {
                float* p = input + taps[t].InputOffset;
                float* w = panel + taps[t].WeightOffset;
                for (int m = 0; m < channels; m += inLanes, p += inBlockStride)
                {
                    float* q = p;
                    float* end = p + Math.Min(inLanes, channels - m);
                    for (; q + 1 < end; q += 2, w += 2 * TileChannels)
                    {
                        var x = Vector256.Create(*q);
                        var y = Vector256.Create(q[1]);
                        a = T.MultiplyAdd(x, Vector256.Load(w), a);
                        b = T.MultiplyAdd(x, Vector256.Load(w + 8), b);
                        c = T.MultiplyAdd(y, Vector256.Load(w + 16), c);
                        d = T.MultiplyAdd(y, Vector256.Load(w + 24), d);
                    }
                    if (q < end)
                    {
                        var x = Vector256.Create(*q);
                        a = T.MultiplyAdd(x, Vector256.Load(w), a);
                        b = T.MultiplyAdd(x, Vector256.Load(w + 8), b);
                        w += TileChannels;
                    }
                }
            }
            a += c;
            b += d;
            if (epilogue.Finish)
            {
                a = epilogue.Clamp.Apply(a);
                b = epilogue.Clamp.Apply(b);
            }
            if (epilogue.Stream)
            {
                T.StoreStreaming(a, output);
                if (two) T.StoreStreaming(b, output + outBlockStride);
            }
            else
            {
                a.Store(output);
                if (two) b.Store(output + outBlockStride);
            }
        }
    }

    /// <summary>Packs <c>W[n][m][t]</c> (t = ky·K + kx) into panels <c>[ceil(N/16)][K²][M][16]</c>, zeros past N.</summary>
    public static AlignedBuffer PackPanels(ReadOnlySpan<float> weights, int outChannels, int inChannels, int taps)
    {
        int tiles = (outChannels + TileChannels - 1) / TileChannels;
        var packed = new AlignedBuffer(tiles * taps * inChannels * TileChannels);
        var dst = packed.Span;
        for (int n = 0; n < outChannels; n++)
            for (int m = 0; m < inChannels; m++)
                for (int t = 0; t < taps; t++)
                    dst[((n / TileChannels * taps + t) * inChannels + m) * TileChannels + n % TileChannels] = weights[(n * inChannels + m) * taps + t];
        return packed;
    }

    /// <summary>Packs the bias into <c>[ceil(N/16)][16]</c>, zeros past N (and everywhere when there is none).</summary>
    public static AlignedBuffer PackBias(ReadOnlySpan<float> bias, int outChannels)
    {
        var packed = new AlignedBuffer((outChannels + TileChannels - 1) / TileChannels * TileChannels);
        bias.CopyTo(packed.Span);
        return packed;
    }
}
