using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// One output row of one channel block of a depthwise convolution, vectorised across the block's 8
/// channels (one <see cref="Vector256{T}"/> per pixel):
/// <code>
///   out[ox] = act(bias + Σ_{ky ∈ [ky0, ky1)} Σ_{kx &lt; K} w[ky·K + kx] ⊙ row_ky[ox·s − p + kx])
/// </code>
/// Rows outside the image are left out by the caller through <c>[ky0, ky1)</c>. Interior columns, whose
/// K taps all fall inside the row, run 8 pixels at a time with 8 independent accumulators (one weight
/// load feeds 8 FMAs whose input operand comes straight from memory), without bounds checks; the edge
/// columns clip the kx range one pixel at a time. Each pixel is one FMA chain in (ky, kx) order.
/// </summary>
internal static unsafe class DepthwiseRowKernel
{
    /// <summary>Pixels per interior group.</summary>
    private const int Group = 8;

    /// <param name="row0">Input row for ky = 0 (only rows ky0..ky1−1 are read), pixel 0 of the block.</param>
    /// <param name="rowStride">Floats between consecutive input rows.</param>
    /// <param name="ky0">First kernel row inside the image.</param>
    /// <param name="ky1">One past the last kernel row inside the image.</param>
    /// <param name="kernel">K.</param>
    /// <param name="width">Input row width in pixels.</param>
    /// <param name="weights">This block's taps: <c>[K²][8]</c>.</param>
    /// <param name="bias">This block's bias.</param>
    /// <param name="clamp">The activation.</param>
    /// <param name="output">Output row, pixel 0 of the block.</param>
    /// <param name="outWidth">Output row width in pixels.</param>
    public static void Row<T, TStride>(float* row0, int rowStride, int ky0, int ky1, int kernel, int width,
        float* weights, Vector256<float> bias, OutputClamp clamp, float* output, int outWidth)
        where T : struct, IVectorMath where TStride : struct, IStride
    {
        int s = TStride.Value, pad = (kernel - 1) / 2;
        var (x0, x1) = ConvGeometry.InteriorColumns(width, outWidth, kernel, s);
        for (int ox = 0; ox < x0; ox++)
            EdgePixel<T>(row0, rowStride, ky0, ky1, kernel, width, s, weights, bias, clamp, output, ox);

        // When the interior is not a multiple of 8, the last group is moved back to end at x1 and
        // recomputes a few pixels of the previous one (bit-identically: same operands, same order)
        // rather than leaving up to 7 pixels to the one-at-a-time path.
        int ox8 = x0;
        while (x1 - x0 >= Group && ox8 < x1)
        {
            ox8 = Math.Min(ox8, x1 - Group);
            Vector256<float> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
            for (int ky = ky0; ky < ky1; ky++)
            {
                float* r = row0 + ky * rowStride + (ox8 * s - pad) * 8;
                float* w = weights + ky * kernel * 8;
                // Two taps per iteration, same order: less loop overhead per FMA (measured faster for K ≥ 5).
                int kx = 0;
                for (; kx + 1 < kernel; kx += 2, r += 16, w += 16)
                {
                    var wv = Vector256.Load(w);
                    a0 = T.MultiplyAdd(Vector256.Load(r), wv, a0);
                    a1 = T.MultiplyAdd(Vector256.Load(r + 8 * s), wv, a1);
                    a2 = T.MultiplyAdd(Vector256.Load(r + 16 * s), wv, a2);
                    a3 = T.MultiplyAdd(Vector256.Load(r + 24 * s), wv, a3);
                    a4 = T.MultiplyAdd(Vector256.Load(r + 32 * s), wv, a4);
                    a5 = T.MultiplyAdd(Vector256.Load(r + 40 * s), wv, a5);
                    a6 = T.MultiplyAdd(Vector256.Load(r + 48 * s), wv, a6);
                    a7 = T.MultiplyAdd(Vector256.Load(r + 56 * s), wv, a7);
                    wv = Vector256.Load(w + 8);
                    a0 = T.MultiplyAdd(Vector256.Load(r + 8), wv, a0);
                    a1 = T.MultiplyAdd(Vector256.Load(r + 8 + 8 * s), wv, a1);
                    a2 = T.MultiplyAdd(Vector256.Load(r + 8 + 16 * s), wv, a2);
                    a3 = T.MultiplyAdd(Vector256.Load(r + 8 + 24 * s), wv, a3);
                    a4 = T.MultiplyAdd(Vector256.Load(r + 8 + 32 * s), wv, a4);
                    a5 = T.MultiplyAdd(Vector256.Load(r + 8 + 40 * s), wv, a5);
                    a6 = T.MultiplyAdd(Vector256.Load(r + 8 + 48 * s), wv, a6);
                    a7 = T.MultiplyAdd(Vector256.Load(r + 8 + 56 * s), wv, a7);
                }
                for (; kx < kernel; kx++, r += 8, w += 8)
                {
                    var wv = Vector256.Load(w);
                    a0 = T.MultiplyAdd(Vector256.Load(r), wv, a0);
                    a1 = T.MultiplyAdd(Vector256.Load(r + 8 * s), wv, a1);
                    a2 = T.MultiplyAdd(Vector256.Load(r + 16 * s), wv, a2);
                    a3 = T.MultiplyAdd(Vector256.Load(r + 24 * s), wv, a3);
                    a4 = T.MultiplyAdd(Vector256.Load(r + 32 * s), wv, a4);
                    a5 = T.MultiplyAdd(Vector256.Load(r + 40 * s), wv, a5);
                    a6 = T.MultiplyAdd(Vector256.Load(r + 48 * s), wv, a6);
                    a7 = T.MultiplyAdd(Vector256.Load(r + 56 * s), wv, a7);
                }
            }
            float* o = output + ox8 * 8;
            clamp.StoreSix(o, a0, a1, a2, a3, a4, a5);
            clamp.Apply(a6).Store(o + 48);
            clamp.Apply(a7).Store(o + 56);
            ox8 += Group;
        }
        for (; ox8 < x1; ox8++)
            EdgePixel<T>(row0, rowStride, ky0, ky1, kernel, width, s, weights, bias, clamp, output, ox8);
        for (int ox = Math.Max(x0, x1); ox < outWidth; ox++)
            EdgePixel<T>(row0, rowStride, ky0, ky1, kernel, width, s, weights, bias, clamp, output, ox);
    }

    /// <summary>One pixel with the kx range clipped to the row (also used for interior leftovers, unclipped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void EdgePixel<T>(float* row0, int rowStride, int ky0, int ky1, int kernel, int width, int s,
        float* weights, Vector256<float> bias, OutputClamp clamp, float* output, int ox) where T : struct, IVectorMath
    {
        int pad = (kernel - 1) / 2;
        int kx0 = Math.Max(0, pad - ox * s), kx1 = Math.Min(kernel, width + pad - ox * s);
        var acc = bias;
        for (int ky = ky0; ky < ky1; ky++)
        {
            float* r = row0 + ky * rowStride + (ox * s - pad) * 8;
            float* w = weights + ky * kernel * 8;
            for (int kx = kx0; kx < kx1; kx++)
                acc = T.MultiplyAdd(Vector256.Load(r + kx * 8), Vector256.Load(w + kx * 8), acc);
        }
        clamp.Apply(acc).Store(output + ox * 8);
    }
}
