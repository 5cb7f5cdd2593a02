using RealtimeConv.Layers;

namespace RealtimeConv.Algebra;

/// <summary>
/// Moves between a standard K×K convolution and a depthwise-separable pair (depthwise K×K with
/// multiplier d, then pointwise 1×1). Both directions work on weights only; the choice of which to
/// apply to a pipeline block is made in <see cref="Pipelines.ModeResolver"/>.
/// </summary>
public static class SeparableAlgebra
{
    /// <summary>
    /// The standard layer that computes exactly what <paramref name="depthwise"/> then
    /// <paramref name="pointwise"/> compute, which holds because no activation sits between the passes
    /// (the depthwise must have <see cref="Activation.None"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The layers are not a linear depthwise followed by a matching pointwise.</exception>
    public static ConvLayer Compose(ConvLayer depthwise, ConvLayer pointwise, string? name = null)
    {
        if (depthwise.Kind != ConvKind.Depthwise)
            throw new ArgumentException($"layer '{depthwise.Name}' is {depthwise.Kind.ToString().ToLowerInvariant()}, not depthwise", nameof(depthwise));
        if (pointwise.Kind != ConvKind.Pointwise)
            throw new ArgumentException($"layer '{pointwise.Name}' is {pointwise.Kind.ToString().ToLowerInvariant()}, not pointwise", nameof(pointwise));
        if (pointwise.InChannels != depthwise.OutChannels)
            throw new ArgumentException($"layer '{pointwise.Name}' takes {pointwise.InChannels} channels, '{depthwise.Name}' makes {depthwise.OutChannels}", nameof(pointwise));
        if (pointwise.Stride != 1)
            throw new ArgumentException($"layer '{pointwise.Name}' has stride {pointwise.Stride}; only a stride-1 pointwise composes", nameof(pointwise));
        if (depthwise.Activation != Activation.None)
            throw new ArgumentException($"layer '{depthwise.Name}' applies {depthwise.Activation.Name()} before the pointwise pass; only a linear depthwise composes exactly", nameof(depthwise));

        int m = depthwise.InChannels, d = depthwise.Multiplier, n = pointwise.OutChannels, k = depthwise.Kernel;
        int taps = k * k;
        var weights = new float[n * m * taps];
        var dw = depthwise.Weights;
        var pw = pointwise.Weights;

        // out_n = b_n + Σ_c P[n, c] · (b_dw[c] + D[c] ⋆ in_{c / d})           (c = m·d + j)
        //       = (b_n + Σ_c P[n, c] · b_dw[c]) + Σ_m (Σ_j P[n, m·d + j] · D[m·d + j]) ⋆ in_m
        // so     W[n, m, ky, kx] = Σ_j P[n, m·d + j] · D[m·d + j, ky, kx],
        //        bias[n]         = b_pw[n] + Σ_c P[n, c] · b_dw[c].
        // The depthwise's zero padding is the standard layer's zero padding, and the 1×1 pass reads the
        // strided grid pixel by pixel, so the stride carries over unchanged. Summed in double.
        var row = new double[taps];
        for (int on = 0; on < n; on++)
            for (int im = 0; im < m; im++)
            {
                Array.Clear(row);
                for (int j = 0; j < d; j++)
                {
                    int c = im * d + j;
                    double p = pw[on * m * d + c];
                    var filter = dw.Slice(c * taps, taps);
                    for (int t = 0; t < taps; t++) row[t] += p * filter[t];
                }
                var target = weights.AsSpan((on * m + im) * taps, taps);
                for (int t = 0; t < taps; t++) target[t] = (float)row[t];
            }

        float[]? bias = null;
        if (depthwise.HasBias || pointwise.HasBias)
        {
            bias = new float[n];
            var bd = depthwise.Bias;
            var bp = pointwise.Bias;
            for (int on = 0; on < n; on++)
            {
                double sum = pointwise.HasBias ? bp[on] : 0.0;
                if (depthwise.HasBias)
                    for (int c = 0; c < m * d; c++) sum += (double)pw[on * m * d + c] * bd[c];
                bias[on] = (float)sum;
            }
        }
        return ConvLayer.Standard(name ?? $"{depthwise.Name}+{pointwise.Name}", m, n, k, depthwise.Stride, weights, bias, pointwise.Activation);
    }

    /// <summary>
    /// The best depthwise-separable approximation of <paramref name="standard"/> with multiplier
    /// <paramref name="multiplier"/>, in the Frobenius norm of the weights. Exact (to float rounding)
    /// when d ≥ min(N, K²).
    /// </summary>
    public static SeparableFit Fit(ConvLayer standard, int multiplier, string? depthwiseName = null, string? pointwiseName = null) =>
        Fit(standard, multiplier, DecomposeSlices(standard), depthwiseName, pointwiseName);

    /// <summary>
    /// The SVD of every input channel's N × K² slice A_m[n, t] = W[n, m, t] (t = ky·K + kx): what
    /// <see cref="Fit(ConvLayer, int, IReadOnlyList{SingularValueDecomposition}, string?, string?)"/> truncates.
    /// Computed once when several multipliers are tried.
    /// </summary>
    public static IReadOnlyList<SingularValueDecomposition> DecomposeSlices(ConvLayer standard)
    {
        if (standard.Kind != ConvKind.Standard)
            throw new ArgumentException($"layer '{standard.Name}' is {standard.Kind.ToString().ToLowerInvariant()}, not standard", nameof(standard));
        int m = standard.InChannels, n = standard.OutChannels, taps = standard.Kernel * standard.Kernel;
        var w = standard.Weights;
        var slices = new SingularValueDecomposition[m];
        for (int im = 0; im < m; im++)
        {
            var a = new double[n, taps];
            for (int on = 0; on < n; on++)
                for (int t = 0; t < taps; t++) a[on, t] = w[(on * m + im) * taps + t];
            slices[im] = JacobiSvd.Decompose(a);
        }
        return slices;
    }

    /// <summary>The fit of multiplier <paramref name="multiplier"/> from the slices' SVDs (<see cref="DecomposeSlices"/>).</summary>
    public static SeparableFit Fit(ConvLayer standard, int multiplier, IReadOnlyList<SingularValueDecomposition> slices,
        string? depthwiseName = null, string? pointwiseName = null)
    {
        if (standard.Kind != ConvKind.Standard)
            throw new ArgumentException($"layer '{standard.Name}' is {standard.Kind.ToString().ToLowerInvariant()}, not standard", nameof(standard));
        if (slices.Count != standard.InChannels)
            throw new ArgumentException($"layer '{standard.Name}' has {standard.InChannels} input channels, {slices.Count} slice decompositions were given", nameof(slices));
        if (multiplier < 1 || multiplier > ConvLayer.MaxMultiplier)
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, $"multiplier must be 1..{ConvLayer.MaxMultiplier}");

        int m = standard.InChannels, n = standard.OutChannels, k = standard.Kernel, d = multiplier;
        int taps = k * k;
        var dw = new float[m * d * taps];
        var pw = new float[n * m * d];

        // For each input channel m the slice A_m[n, t] = W[n, m, t] (N × K², t = ky·K + kx) is what the
        // pointwise and depthwise passes must reproduce between them:
        //   W_fit[n, m, t] = Σ_j P[n, m·d + j] · D[m·d + j, t]   — a product of rank ≤ d.
        // By Eckart–Young the best rank-d approximation is the truncated SVD A_m ≈ Σ_{j<d} σ_j u_j v_jᵀ.
        // The scale is split evenly, D[m·d + j] = √σ_j · v_j and P[:, m·d + j] = √σ_j · u_j, so neither
        // pass carries all the gain (the float range of both stays alike). Each pair's sign is fixed so
        // that the largest-magnitude depthwise tap is positive: the same W always gives the same split.
        for (int im = 0; im < m; im++)
        {
            var svd = slices[im];
            if (svd.U.GetLength(0) != n || svd.V.GetLength(0) != taps)
                throw new ArgumentException($"layer '{standard.Name}': slice {im} is not the SVD of an {n}×{taps} matrix", nameof(slices));
            for (int j = 0; j < Math.Min(d, svd.Rank); j++)
            {
                double root = Math.Sqrt(svd.S[j]);
                int c = im * d + j;
                double sign = SignOfLargest(svd.V, j, taps);
                for (int t = 0; t < taps; t++) dw[c * taps + t] = (float)(sign * root * svd.V[t, j]);
                for (int on = 0; on < n; on++) pw[on * m * d + c] = (float)(sign * root * svd.U[on, j]);
            }
            // Components past min(N, K²) do not exist: their filters stay zero.
        }

        var depthwise = ConvLayer.Depthwise(depthwiseName ?? standard.Name + ".dw", m, d, k, standard.Stride, dw);
        var pointwise = ConvLayer.Pointwise(pointwiseName ?? standard.Name + ".pw", m * d, n, 1, pw,
            standard.HasBias ? standard.Bias.ToArray() : null, standard.Activation);
        var (total, perChannel) = MeasureError(standard, depthwise, pointwise);
        return new SeparableFit(depthwise, pointwise, d, total, perChannel);
    }

    /// <summary>
    /// ‖W − W_fit‖_F / ‖W‖_F overall and per input channel, measured on the float weights actually built
    /// (so it includes rounding), with W_fit[n, m, t] = Σ_j P[n, m·d + j] · D[m·d + j, t]. A slice of
    /// zeros reports 0 when it is reproduced exactly.
    /// </summary>
    private static (double Total, double[] PerChannel) MeasureError(ConvLayer standard, ConvLayer depthwise, ConvLayer pointwise)
    {
        int m = standard.InChannels, n = standard.OutChannels, taps = standard.Kernel * standard.Kernel, d = depthwise.Multiplier;
        var w = standard.Weights;
        var dw = depthwise.Weights;
        var pw = pointwise.Weights;
        var perChannel = new double[m];
        double totalDiff = 0, totalNorm = 0;
        for (int im = 0; im < m; im++)
        {
            double diff = 0, norm = 0;
            for (int on = 0; on < n; on++)
                for (int t = 0; t < taps; t++)
                {
                    double fit = 0;
                    for (int j = 0; j < d; j++)
                        fit += (double)pw[on * m * d + im * d + j] * dw[(im * d + j) * taps + t];
                    double original = w[(on * m + im) * taps + t];
                    diff += (original - fit) * (original - fit);
                    norm += original * original;
                }
            perChannel[im] = Ratio(diff, norm);
            totalDiff += diff;
            totalNorm += norm;
        }
        return (Ratio(totalDiff, totalNorm), perChannel);
    }

    private static double Ratio(double squaredDiff, double squaredNorm) =>
        squaredNorm > 0 ? Math.Sqrt(squaredDiff / squaredNorm) : squaredDiff > 0 ? double.PositiveInfinity : 0;

    private static double SignOfLargest(double[,] v, int column, int rows)
    {
        double best = 0;
        for (int r = 0; r < rows; r++)
            if (Math.Abs(v[r, column]) > Math.Abs(best)) best = v[r, column];
        return best < 0 ? -1 : 1;
    }
}
