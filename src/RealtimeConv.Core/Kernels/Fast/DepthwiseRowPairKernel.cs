using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// Two consecutive output rows (oy, oy + 1) of one channel block of a stride-1 depthwise convolution in
/// one sweep, so that the K − 1 input rows they share are loaded once:
/// <code>
///   out_r[ox] = act(bias + Σ_{ky &lt; K} Σ_{kx &lt; K} w[ky·K + kx] ⊙ in[oy + r − p + ky][ox − p + kx]),   r ∈ {0, 1}
///   input row i = oy − p + i (i = 0..K) feeds out_0 with ky = i (i &lt; K) and out_1 with ky = i − 1 (i ≥ 1)
/// </code>
/// Interior columns run 6 pixels × 2 rows at a time: 12 independent accumulators, one input vector and
/// the two rows' weight vectors in the other 3 of the 16 ymm registers. Per (row, tap) that is 8 loads
/// for 12 FMAs, where one row at a time needs 9 loads for 8. A 3×3 kernel, MobileNet's, leaves registers for its
/// nine taps when the group is 3 pixels × 2 rows (6 accumulators): each input vector then feeds all the taps that
/// read it from a register, 20 loads for 54 FMAs (<see cref="RowsThreeByThree{T, TClamp}"/>). The edge columns (and every pixel of a row too
/// narrow for a group) run one pixel × 2 rows at a time with the taps clipped to the row. Every output value is one FMA chain over
/// (ky, kx) in ascending order starting from the bias, exactly as in <see cref="DepthwiseRowKernel"/>,
/// so a row computed here and the same row computed alone are bit-identical. Each interior group also asks for
/// a slice of the rows the caller's next sweep will read (<see cref="ReadAhead"/>).
/// </summary>
internal static unsafe class DepthwiseRowPairKernel
{
    /// <summary>Pixels per interior group (× 2 rows = 12 accumulators).</summary>
    private const int Group = 6;

    /// <param name="top">Input row i = 0 (oy − p; only rows i0..i1−1 are read), pixel 0 of the block.</param>
    /// <param name="rowStride">Floats between consecutive input rows.</param>
    /// <param name="i0">First of the K + 1 input rows inside the image.</param>
    /// <param name="i1">One past the last of the K + 1 input rows inside the image.</param>
    /// <param name="kernel">K.</param>
    /// <param name="width">Row width in pixels (input and output: stride 1).</param>
    /// <param name="weights">This block's taps: <c>[K²][8]</c>.</param>
    /// <param name="bias">This block's bias.</param>
    /// <param name="clamp">The activation.</param>
    /// <param name="out0">Output row oy, pixel 0 of the block.</param>
    /// <param name="out1">Output row oy + 1, pixel 0 of the block.</param>
    /// <param name="ahead">What the caller computes next reads: fetched a slice per interior group of this sweep.</param>
    public static void Rows<T>(float* top, int rowStride, int i0, int i1, int kernel, int width,
        float* weights, Vector256<float> bias, OutputClamp clamp, float* out0, float* out1, ReadAhead ahead = default)
        where T : struct, IVectorMath
    {
        if (kernel == 3 && i0 <= 1 && i1 >= 3 && width >= 5)
        {
            if (clamp.HasNoUpperBound)
                RowsThreeByThree<T, NoUpperBound>(top, rowStride, i0, i1, width, weights, bias, clamp, out0, out1, ahead);
            else
                RowsThreeByThree<T, BothBounds>(top, rowStride, i0, i1, width, weights, bias, clamp, out0, out1, ahead);
        }
        else
            RowsAnyKernel<T>(top, rowStride, i0, i1, kernel, width, weights, bias, clamp, out0, out1, ahead);
    }

    // The two sweeps are separate methods, never inlined: with both in one body, the 5×5 and 7×7 layers of the
    // bench ran 2× slower once tiered PGO had recompiled that body from a profile of the 3×3 layers run first.

    /// <summary><see cref="Rows{T}"/> for any K: interior columns six pixels at a time (<see cref="Six"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RowsAnyKernel<T>(float* top, int rowStride, int i0, int i1, int kernel, int width,
        float* weights, Vector256<float> bias, OutputClamp clamp, float* out0, float* out1, ReadAhead ahead)
        where T : struct, IVectorMath
    {
        int pad = (kernel - 1) / 2;
        var (x0, x1) = ConvGeometry.InteriorColumns(width, width, kernel, 1);
        var slices = ahead.Spread((x1 - x0 + Group - 1) / Group);
        for (int ox = 0; ox < x0; ox++)
            EdgePixels<T>(top, rowStride, i0, i1, kernel, width, weights, bias, clamp, out0, out1, ox);
        // As in the one-row kernel, the last group is moved back to end at x1 and recomputes a few pixels
        // of the previous one bit-identically instead of leaving them to the one-pixel path.
        int ox6 = x0;
        while (x1 - x0 >= Group && ox6 < x1)
        {
            ox6 = Math.Min(ox6, x1 - Group);
            slices.Next<T>();
            Six<T, BlockedLanes>(top + (ox6 - pad) * 8, rowStride, i0, i1, kernel, weights, bias, clamp, out0 + ox6 * 8, out1 + ox6 * 8);
            ox6 += Group;
        }
        for (int ox = Math.Max(ox6, x0); ox < width; ox++)
            EdgePixels<T>(top, rowStride, i0, i1, kernel, width, weights, bias, clamp, out0, out1, ox);
    }

    /// <summary>
    /// <see cref="Rows{T}"/> for a 3×3 kernel on rows at least 5 wide whose two middle input rows lie in the image
    /// (<paramref name="i0"/> ≤ 1, <paramref name="i1"/> ≥ 3: every band but that of a one-row image). The interior
    /// columns run 3 pixels × 2 rows at a time with the nine tap vectors held in registers, each input vector loaded
    /// once per group and feeding every tap that reads it: per group 20 loads for 54 FMAs, where <see cref="Six"/> at
    /// K = 3 needs 90 loads for 108 (its 12 accumulators leave no registers for the taps) and 1.4× the instructions
    /// per pixel. The chains are <see cref="Six"/>'s, (ky, kx) ascending from the bias, so the values are bit-identical.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RowsThreeByThree<T, TClamp>(float* top, int rowStride, int i0, int i1, int width, float* weights,
        Vector256<float> bias, OutputClamp clamp, float* out0, float* out1, ReadAhead ahead) where T : struct, IVectorMath where TClamp : struct, IClampKind
    {
        // Interior columns 1 .. width − 2; the edge pixels 0 and width − 1 run with their taps clipped.
        int x0 = 1, x1 = width - 1;
        var slices = ahead.Spread((x1 - x0 + 2) / 3);
        EdgePixels<T>(top, rowStride, i0, i1, 3, width, weights, bias, clamp, out0, out1, 0);
        EdgePixels<T>(top, rowStride, i0, i1, 3, width, weights, bias, clamp, out0, out1, width - 1);
        var w0 = Vector256.Load(weights);
        var w1 = Vector256.Load(weights + 8);
        var w2 = Vector256.Load(weights + 16);
        var w3 = Vector256.Load(weights + 24);
        var w4 = Vector256.Load(weights + 32);
        var w5 = Vector256.Load(weights + 40);
        var w6 = Vector256.Load(weights + 48);
        var w7 = Vector256.Load(weights + 56);
        var w8 = Vector256.Load(weights + 64);
        for (int ox = x0; ox < x1; ox += 3)
        {
            // As in the six-pixel sweep, the last group is moved back to end at x1 (recomputing up to two pixels).
            int at = Math.Min(ox, x1 - 3);
            slices.Next<T>();
            float* r = top + (at - 1) * 8;
            Vector256<float> a0 = bias, a1 = bias, a2 = bias, b0 = bias, b1 = bias, b2 = bias;
            // Input row 0 reaches row oy only (ky = 0), row 3 row oy + 1 only (ky = 2); rows 1 and 2 reach both.
            // Rows 0 and 3 are skipped above and below the image, like the zero padding they stand for.
            if (i0 == 0)
                TapRow<T>(r, w0, w1, w2, ref a0, ref a1, ref a2);
            TapRowShared<T>(r + rowStride, w3, w4, w5, w0, w1, w2, ref a0, ref a1, ref a2, ref b0, ref b1, ref b2);
            TapRowShared<T>(r + 2 * rowStride, w6, w7, w8, w3, w4, w5, ref a0, ref a1, ref a2, ref b0, ref b1, ref b2);
            if (i1 == 4)
                TapRow<T>(r + 3 * rowStride, w6, w7, w8, ref b0, ref b1, ref b2);
            float* o0 = out0 + at * 8, o1 = out1 + at * 8;
            TClamp.Apply(clamp, a0).Store(o0);
            TClamp.Apply(clamp, a1).Store(o0 + 8);
            TClamp.Apply(clamp, a2).Store(o0 + 16);
            TClamp.Apply(clamp, b0).Store(o1);
            TClamp.Apply(clamp, b1).Store(o1 + 8);
            TClamp.Apply(clamp, b2).Store(o1 + 16);
        }
    }

    /// <summary>
    /// One kernel row (taps <paramref name="k0"/>, <paramref name="k1"/>, <paramref name="k2"/>) of three consecutive
    /// output pixels from the five input vectors at <paramref name="r"/>: vector j feeds pixel p with tap j − p.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TapRow<T>(float* r, Vector256<float> k0, Vector256<float> k1, Vector256<float> k2,
        ref Vector256<float> p0, ref Vector256<float> p1, ref Vector256<float> p2) where T : struct, IVectorMath
    {
        var x = Vector256.Load(r);
        p0 = T.MultiplyAdd(x, k0, p0);
        x = Vector256.Load(r + 8);
        p0 = T.MultiplyAdd(x, k1, p0); p1 = T.MultiplyAdd(x, k0, p1);
        x = Vector256.Load(r + 16);
        p0 = T.MultiplyAdd(x, k2, p0); p1 = T.MultiplyAdd(x, k1, p1); p2 = T.MultiplyAdd(x, k0, p2);
        x = Vector256.Load(r + 24);
        p1 = T.MultiplyAdd(x, k2, p1); p2 = T.MultiplyAdd(x, k1, p2);
        x = Vector256.Load(r + 32);
        p2 = T.MultiplyAdd(x, k2, p2);
    }

    /// <summary>
    /// <see cref="TapRow"/> for an input row both output rows read: with taps <paramref name="a0"/>..<paramref name="a2"/>
    /// into the first row's pixels and <paramref name="b0"/>..<paramref name="b2"/> into the second's, each vector loaded once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TapRowShared<T>(float* r, Vector256<float> a0, Vector256<float> a1, Vector256<float> a2,
        Vector256<float> b0, Vector256<float> b1, Vector256<float> b2,
        ref Vector256<float> p0, ref Vector256<float> p1, ref Vector256<float> p2,
        ref Vector256<float> q0, ref Vector256<float> q1, ref Vector256<float> q2) where T : struct, IVectorMath
    {
        var x = Vector256.Load(r);
        p0 = T.MultiplyAdd(x, a0, p0); q0 = T.MultiplyAdd(x, b0, q0);
        x = Vector256.Load(r + 8);
        p0 = T.MultiplyAdd(x, a1, p0); p1 = T.MultiplyAdd(x, a0, p1);
        q0 = T.MultiplyAdd(x, b1, q0); q1 = T.MultiplyAdd(x, b0, q1);
        x = Vector256.Load(r + 16);
        p0 = T.MultiplyAdd(x, a2, p0); p1 = T.MultiplyAdd(x, a1, p1); p2 = T.MultiplyAdd(x, a0, p2);
        q0 = T.MultiplyAdd(x, b2, q0); q1 = T.MultiplyAdd(x, b1, q1); q2 = T.MultiplyAdd(x, b0, q2);
        x = Vector256.Load(r + 24);
        p1 = T.MultiplyAdd(x, a2, p1); p2 = T.MultiplyAdd(x, a1, p2);
        q1 = T.MultiplyAdd(x, b2, q1); q2 = T.MultiplyAdd(x, b1, q2);
        x = Vector256.Load(r + 32);
        p2 = T.MultiplyAdd(x, a2, p2); q2 = T.MultiplyAdd(x, b2, q2);
    }

    /// <summary>
    /// Pixel <paramref name="ox"/> of both rows with the taps clipped to the row (<see cref="One"/> over taps
    /// kx0 .. kx1 − 1): the edge columns, and every pixel of a row too narrow for a group. Each row's chain is the
    /// one <see cref="DepthwiseRowKernel.EdgePixel{T}"/> computes for it alone, so the values are bit-identical;
    /// side by side the two rows share each input load and run two chains at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EdgePixels<T>(float* top, int rowStride, int i0, int i1, int kernel, int width,
        float* weights, Vector256<float> bias, OutputClamp clamp, float* out0, float* out1, int ox) where T : struct, IVectorMath
    {
        int pad = (kernel - 1) / 2;
        int kx0 = Math.Max(0, pad - ox), kx1 = Math.Min(kernel, width + pad - ox);
        One<T, BlockedLanes>(top + (ox - pad) * 8, rowStride, i0, i1, kernel, weights, bias, clamp, out0 + ox * 8, out1 + ox * 8, kx0, kx1);
    }

    /// <summary>
    /// Six consecutive vectors of both rows (six pixels blocked, 48 planar): input row i of the vectors
    /// starts at <c>anchor + i·rowStride</c>, the tap kx at <c>TLanes.Count·kx</c> further on, vector j at
    /// <c>8·j</c>; the results go to <paramref name="out0"/> and <paramref name="out1"/>, vector j at <c>8·j</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Six<T, TLanes>(float* anchor, int rowStride, int i0, int i1, int kernel,
        float* weights, Vector256<float> bias, OutputClamp clamp, float* out0, float* out1)
        where T : struct, IVectorMath where TLanes : struct, ILanes
    {
        // The loops walk pointers and stop at an end pointer: indexing by kx and i made the JIT recompute the
        // second row's weight address on every tap (4 more instructions beside 12 FMAs), about 5–10 % of the sweep.
        int k8 = kernel * 8, mid0 = Math.Max(i0, 1), mid1 = Math.Min(i1, kernel);
        Vector256<float> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias;
        Vector256<float> b0 = bias, b1 = bias, b2 = bias, b3 = bias, b4 = bias, b5 = bias;
        if (i0 == 0)
        {
            // Input row 0 only reaches row oy (ky = 0).
            float* r = anchor;
            for (float* w = weights, end = weights + k8; w < end; w += 8, r += TLanes.Count)
            {
                var wa = Vector256.Load(w);
                a0 = T.MultiplyAdd(Vector256.Load(r), wa, a0);
                a1 = T.MultiplyAdd(Vector256.Load(r + 8), wa, a1);
                a2 = T.MultiplyAdd(Vector256.Load(r + 16), wa, a2);
                a3 = T.MultiplyAdd(Vector256.Load(r + 24), wa, a3);
                a4 = T.MultiplyAdd(Vector256.Load(r + 32), wa, a4);
                a5 = T.MultiplyAdd(Vector256.Load(r + 40), wa, a5);
            }
        }
        float* row = anchor + mid0 * rowStride;
        for (float* wRow = weights + mid0 * k8, wRowEnd = weights + mid1 * k8; wRow < wRowEnd; wRow += k8, row += rowStride)
        {
            // Shared input row i: ky = i for row oy (weights wa), ky = i − 1 for row oy + 1 (wb, one kernel row
            // earlier); each input vector loaded once.
            float* r = row;
            for (float* w = wRow, end = wRow + k8; w < end; w += 8, r += TLanes.Count)
            {
                var wa = Vector256.Load(w);
                var wb = Vector256.Load(w - k8);
                var x = Vector256.Load(r);
                a0 = T.MultiplyAdd(x, wa, a0); b0 = T.MultiplyAdd(x, wb, b0);
                x = Vector256.Load(r + 8);
                a1 = T.MultiplyAdd(x, wa, a1); b1 = T.MultiplyAdd(x, wb, b1);
                x = Vector256.Load(r + 16);
                a2 = T.MultiplyAdd(x, wa, a2); b2 = T.MultiplyAdd(x, wb, b2);
                x = Vector256.Load(r + 24);
                a3 = T.MultiplyAdd(x, wa, a3); b3 = T.MultiplyAdd(x, wb, b3);
                x = Vector256.Load(r + 32);
                a4 = T.MultiplyAdd(x, wa, a4); b4 = T.MultiplyAdd(x, wb, b4);
                x = Vector256.Load(r + 40);
                a5 = T.MultiplyAdd(x, wa, a5); b5 = T.MultiplyAdd(x, wb, b5);
            }
        }
        if (i1 == kernel + 1)
        {
            // Input row K only reaches row oy + 1 (ky = K − 1).
            float* r = anchor + kernel * rowStride;
            for (float* w = weights + (kernel - 1) * k8, end = w + k8; w < end; w += 8, r += TLanes.Count)
            {
                var wb = Vector256.Load(w);
                b0 = T.MultiplyAdd(Vector256.Load(r), wb, b0);
                b1 = T.MultiplyAdd(Vector256.Load(r + 8), wb, b1);
                b2 = T.MultiplyAdd(Vector256.Load(r + 16), wb, b2);
                b3 = T.MultiplyAdd(Vector256.Load(r + 24), wb, b3);
                b4 = T.MultiplyAdd(Vector256.Load(r + 32), wb, b4);
                b5 = T.MultiplyAdd(Vector256.Load(r + 40), wb, b5);
            }
        }
        clamp.StoreSix(out0, a0, a1, a2, a3, a4, a5);
        clamp.StoreSix(out1, b0, b1, b2, b3, b4, b5);
    }

    /// <summary>
    /// One vector of both rows, as <see cref="Six"/> (the same chains), over taps <paramref name="kx0"/> ..
    /// <paramref name="kx1"/> − 1 of each kernel row (all of them unless given): a planar row's leftovers and
    /// ends, and a blocked row's clipped edge pixels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void One<T, TLanes>(float* anchor, int rowStride, int i0, int i1, int kernel,
        float* weights, Vector256<float> bias, OutputClamp clamp, float* out0, float* out1, int kx0 = 0, int kx1 = int.MaxValue)
        where T : struct, IVectorMath where TLanes : struct, ILanes
    {
        int k8 = kernel * 8, mid0 = Math.Max(i0, 1), mid1 = Math.Min(i1, kernel);
        // Each kernel row's taps run from w0 to w1 (weights) and from anchor + kx0 pixels on (inputs).
        nint w0 = kx0 * 8, w1 = Math.Min(kx1, kernel) * 8;
        anchor += kx0 * TLanes.Count;
        Vector256<float> a = bias, b = bias;
        if (i0 == 0)
        {
            float* r = anchor;
            for (float* w = weights + w0, end = weights + w1; w < end; w += 8, r += TLanes.Count)
                a = T.MultiplyAdd(Vector256.Load(r), Vector256.Load(w), a);
        }
        float* row = anchor + mid0 * rowStride;
        for (float* wRow = weights + mid0 * k8, wRowEnd = weights + mid1 * k8; wRow < wRowEnd; wRow += k8, row += rowStride)
        {
            float* r = row;
            for (float* w = wRow + w0, end = wRow + w1; w < end; w += 8, r += TLanes.Count)
            {
                var x = Vector256.Load(r);
                a = T.MultiplyAdd(x, Vector256.Load(w), a);
                b = T.MultiplyAdd(x, Vector256.Load(w - k8), b);
            }
        }
        if (i1 == kernel + 1)
        {
            float* r = anchor + kernel * rowStride, wLast = weights + (kernel - 1) * k8;
            for (float* w = wLast + w0, end = wLast + w1; w < end; w += 8, r += TLanes.Count)
                b = T.MultiplyAdd(Vector256.Load(r), Vector256.Load(w), b);
        }
        clamp.Apply(a).Store(out0);
        clamp.Apply(b).Store(out1);
    }
}
