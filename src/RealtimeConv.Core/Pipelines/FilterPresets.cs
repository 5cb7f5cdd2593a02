namespace RealtimeConv.Pipelines;

/// <summary>
/// Named K×K filters for depthwise taps, built for any odd K ≥ 3 from binomial rows (the discrete
/// Gaussian), so that cycling K through 3/5/7 keeps the same meaning at a wider scale. Each filter is
/// row-major <c>[ky][kx]</c> (ONNX order, applied as a correlation like every layer here).
/// </summary>
/// <remarks>
/// With b_L the binomial row of length L (1 2 1, 1 4 6 4 1, …) normalised to sum 1:
/// <list type="bullet">
/// <item><c>identity</c>: the centre tap.</item>
/// <item><c>blur</c>: b_K ⊗ b_K. Sums to 1: a solid image stays solid.</item>
/// <item><c>sobel_x</c>: smoothing b_K down the rows times the derivative b_{K−2} ∗ (−1 0 1) along x, scaled
/// so that the ramp f = x gives exactly 1 (K = 3 is the classic Sobel / 8). <c>sobel_y</c> is its transpose.</item>
/// <item><c>laplacian</c>: ∂²/∂x² + ∂²/∂y², each the second difference b_{K−3} ∗ (1 −2 1) along one axis
/// times the smoothing b_{K−2} (centred, zero-padded to K) along the other, scaled so that f = x²/2
/// gives 1 (K = 3 is the classic 5-point stencil). Sums to 0.</item>
/// </list>
/// </remarks>
public static class FilterPresets
{
    /// <summary>The filter names, in the order reports list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["identity", "blur", "sobel_x", "sobel_y", "laplacian"];

    /// <summary>Builds the filter <paramref name="name"/> of side <paramref name="kernel"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name, or a K the filter cannot have.</exception>
    public static float[] Build(string name, int kernel)
    {
        if (kernel < 1 || kernel % 2 == 0)
            throw new ArgumentException($"filter '{name}': kernel {kernel} must be odd and positive");
        int centre = kernel / 2;
        switch (name.ToLowerInvariant())
        {
            case "identity":
            {
                var f = new float[kernel * kernel];
                f[centre * kernel + centre] = 1;
                return f;
            }
            case "blur":
            {
                var b = Normalised(Binomial(kernel));
                return Outer(b, b);
            }
            case "sobel_x" or "sobel_y":
            {
                RequireAtLeast(name, kernel, 3);
                var smooth = Normalised(Binomial(kernel));
                var derivative = ScaledToMoment(Convolve(Binomial(kernel - 2), [-1, 0, 1]), 1);
                return name.Equals("sobel_x", StringComparison.OrdinalIgnoreCase) ? Outer(smooth, derivative) : Outer(derivative, smooth);
            }
            case "laplacian":
            {
                RequireAtLeast(name, kernel, 3);
                var second = ScaledToMoment(Convolve(Binomial(kernel - 2), [1, -2, 1]), 2);
                var smooth = Padded(Normalised(Binomial(kernel - 2)), kernel);
                var xx = Outer(smooth, second);
                var yy = Outer(second, smooth);
                var f = new float[kernel * kernel];
                for (int i = 0; i < f.Length; i++) f[i] = xx[i] + yy[i];
                return f;
            }
            default:
                throw new ArgumentException($"unknown filter '{name}' (known: {string.Join(", ", Names)})");
        }
    }

    private static void RequireAtLeast(string name, int kernel, int minimum)
    {
        if (kernel < minimum) throw new ArgumentException($"filter '{name}' needs a kernel of at least {minimum}, not {kernel}");
    }

    /// <summary>Row L−1 of Pascal's triangle: the L binomial coefficients.</summary>
    private static double[] Binomial(int length)
    {
        var row = new double[length];
        row[0] = 1;
        for (int n = 1; n < length; n++)
            for (int i = n; i > 0; i--) row[i] += row[i - 1];
        return row;
    }

    private static double[] Normalised(double[] v)
    {
        double sum = v.Sum();
        return v.Select(x => x / sum).ToArray();
    }

    /// <summary>
    /// Scales a difference kernel so that Σ_i v[i]·(i − c)^p / p! = 1: then its response to x^p / p!
    /// (a ramp for p = 1, a parabola for p = 2) is exactly 1.
    /// </summary>
    private static double[] ScaledToMoment(double[] v, int power)
    {
        int c = v.Length / 2;
        double factorial = power == 1 ? 1 : 2;
        double moment = 0;
        for (int i = 0; i < v.Length; i++) moment += v[i] * Math.Pow(i - c, power) / factorial;
        return v.Select(x => x / moment).ToArray();
    }

    private static double[] Convolve(double[] a, double[] b)
    {
        var r = new double[a.Length + b.Length - 1];
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++) r[i + j] += a[i] * b[j];
        return r;
    }

    private static double[] Padded(double[] v, int length)
    {
        var r = new double[length];
        Array.Copy(v, 0, r, (length - v.Length) / 2, v.Length);
        return r;
    }

    /// <summary>f[ky][kx] = column[ky] · row[kx].</summary>
    private static float[] Outer(double[] column, double[] row)
    {
        var f = new float[column.Length * row.Length];
        for (int y = 0; y < column.Length; y++)
            for (int x = 0; x < row.Length; x++) f[y * row.Length + x] = (float)(column[y] * row[x]);
        return f;
    }
}
