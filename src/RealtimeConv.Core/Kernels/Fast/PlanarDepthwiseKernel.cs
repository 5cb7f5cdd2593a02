using System.Runtime.Intrinsics;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// Two consecutive output rows of one plane of a stride-1 depthwise convolution on planar maps, vectorised
/// along the row: a vector is 8 neighbouring pixels of one channel, and a tap one pixel to the right is
/// the vector one float further on (an unaligned load). The channel's taps are kept as broadcast vectors,
/// so the sums are those of <see cref="DepthwiseRowPairKernel"/> (which it calls, with a one-float pixel
/// step) pixel for pixel: 48 pixels × 2 rows in flight in the interior.
/// </summary>
/// <remarks>
/// Only the vectors whose taps all fall inside the row read the plane directly. The few at the ends (the
/// first and last 8 pixels, and every vector of a row narrower than the kernel needs) read a zero-padded
/// copy of just the pixels they cover, so the hot loop has no bounds checks and no masks. A padded tap adds
/// <c>0 · w</c>, which leaves the sum unchanged.
/// </remarks>
internal static unsafe class PlanarDepthwiseKernel
{
    /// <summary>Pixels per vector.</summary>
    private const int Vector = 8;

    /// <summary>Floats of per-worker scratch <see cref="Rows{T}"/> needs for <paramref name="kernel"/>.</summary>
    public static int ScratchFloats(int kernel) => (kernel + 1) * SegmentStride(kernel) + 2 * Vector;

    /// <param name="top">Input row i = 0 (oy − p; only rows i0..i1−1 are read), pixel 0 of the plane.</param>
    /// <param name="width">Row width in pixels, input and output (also the planes' row stride).</param>
    /// <param name="i0">First of the K + 1 input rows inside the image.</param>
    /// <param name="i1">One past the last of the K + 1 input rows inside the image.</param>
    /// <param name="kernel">K.</param>
    /// <param name="weights">The channel's taps, each broadcast: <c>[K²][8]</c>.</param>
    /// <param name="bias">The channel's bias, broadcast.</param>
    /// <param name="clamp">The activation.</param>
    /// <param name="out0">Output row oy, pixel 0.</param>
    /// <param name="out1">Output row oy + 1, pixel 0 (a junk row when oy is the last row).</param>
    /// <param name="scratch"><see cref="ScratchFloats"/> floats of the worker's own.</param>
    public static void Rows<T>(float* top, int width, int i0, int i1, int kernel, float* weights, Vector256<float> bias,
        OutputClamp clamp, float* out0, float* out1, float* scratch) where T : struct, IVectorMath
    {
        int pad = (kernel - 1) / 2;
        // Vector starts whose taps all lie inside the row: [first, last].
        int first = pad, last = width - Vector - pad;
        int x = 0;
        while (x < width)
        {
            // The row's last vector ends at its last pixel, overlapping the one before (recomputed identically).
            int start = x + Vector <= width ? x : Math.Max(0, width - Vector);
            if (start >= first && start <= last)
            {
                int six = Math.Min(start, last - 5 * Vector);
                if (six >= first)
                {
                    DepthwiseRowPairKernel.Six<T, PlanarLanes>(top + six - pad, width, i0, i1, kernel, weights, bias, clamp, out0 + six, out1 + six);
                    x = six + 6 * Vector;
                    continue;
                }
                DepthwiseRowPairKernel.One<T, PlanarLanes>(top + start - pad, width, i0, i1, kernel, weights, bias, clamp, out0 + start, out1 + start);
            }
            else
            {
                EndVector<T>(top, width, i0, i1, kernel, weights, bias, clamp, out0, out1, scratch, start);
            }
            x = start + Vector;
        }
    }

    /// <summary>
    /// The vector of output pixels <c>start .. start + 7</c> (fewer when the row is narrower) from a zero-padded
    /// copy of the input pixels <c>start − p .. start + 7 + p</c> of the rows in use.
    /// </summary>
    private static void EndVector<T>(float* top, int width, int i0, int i1, int kernel, float* weights, Vector256<float> bias,
        OutputClamp clamp, float* out0, float* out1, float* scratch, int start) where T : struct, IVectorMath
    {
        int pad = (kernel - 1) / 2, stride = SegmentStride(kernel), span = Vector + kernel - 1;
        for (int i = i0; i < i1; i++)
        {
            float* src = top + i * width, dst = scratch + i * stride;
            for (int j = 0; j < span; j++)
            {
                int xi = start - pad + j;
                dst[j] = xi >= 0 && xi < width ? src[xi] : 0f;
            }
        }
        float* results = scratch + (kernel + 1) * stride;
        DepthwiseRowPairKernel.One<T, PlanarLanes>(scratch, stride, i0, i1, kernel, weights, bias, clamp, results, results + Vector);
        int count = Math.Min(Vector, width - start);
        new ReadOnlySpan<float>(results, count).CopyTo(new Span<float>(out0 + start, count));
        new ReadOnlySpan<float>(results + Vector, count).CopyTo(new Span<float>(out1 + start, count));
    }

    /// <summary>Floats per row of the padded copy: 8 + K − 1, rounded up to a vector.</summary>
    private static int SegmentStride(int kernel) => (Vector + kernel - 1 + Vector - 1) / Vector * Vector;
}
