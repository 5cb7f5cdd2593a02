namespace RealtimeConv.Algebra;

/// <summary>
/// Singular value decomposition by one-sided Jacobi rotations (Hestenes), in double. The matrices here
/// are small (N × K² per input channel, at most 4096 × 225), where Jacobi is simple, accurate to
/// machine precision and needs no library.
/// </summary>
public static class JacobiSvd
{
    /// <summary>Sweeps after which the iteration stops even if some pair is still not orthogonal.</summary>
    private const int MaxSweeps = 64;

    /// <summary>
    /// Two columns count as orthogonal when |⟨a_p, a_q⟩| ≤ Tolerance · ‖a_p‖ · ‖a_q‖; a few ulps of
    /// double, so the result is exact to rounding.
    /// </summary>
    private const double Tolerance = 1e-15;

    /// <summary>Decomposes the R × C matrix <paramref name="a"/> (not modified).</summary>
    public static SingularValueDecomposition Decompose(double[,] a)
    {
        int rows = a.GetLength(0), cols = a.GetLength(1);
        if (rows == 0 || cols == 0) throw new ArgumentException("cannot decompose an empty matrix", nameof(a));
        if (rows >= cols) return DecomposeTall(a);
        // A wide matrix: Aᵀ = U' S V'ᵀ, so A = V' S U'ᵀ, and the roles of U and V swap.
        var t = DecomposeTall(Transpose(a));
        return new SingularValueDecomposition(t.V, t.S, t.U);
    }

    /// <summary>R ≥ C: rotate pairs of columns of the working copy until all are mutually orthogonal.</summary>
    private static SingularValueDecomposition DecomposeTall(double[,] a)
    {
        int rows = a.GetLength(0), cols = a.GetLength(1);
        // Columns are kept as separate arrays: every step below reads or rotates two whole columns.
        var w = new double[cols][];
        var v = new double[cols][];
        for (int j = 0; j < cols; j++)
        {
            w[j] = new double[rows];
            for (int r = 0; r < rows; r++) w[j][r] = a[r, j];
            v[j] = new double[cols];
            v[j][j] = 1;
        }

        // One-sided Jacobi: A·V = W with V orthogonal. Each rotation J in the (p, q) plane is chosen so
        // that columns p and q of W·J are orthogonal; it is the rotation that diagonalises the 2×2 Gram
        //   [α γ; γ β],  α = ‖w_p‖², β = ‖w_q‖², γ = ⟨w_p, w_q⟩:
        //   ζ = (β − α) / 2γ,  t = sign(ζ) / (|ζ| + √(1 + ζ²)),  c = 1/√(1 + t²),  s = c·t.
        // When every pair is orthogonal, W = U·diag(σ) with σ_j = ‖w_j‖. A zero column has γ = 0 against
        // every other (Cauchy–Schwarz), so it is never rotated and no division by zero can occur.
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            bool rotated = false;
            for (int p = 0; p < cols - 1; p++)
            {
                for (int q = p + 1; q < cols; q++)
                {
                    var wp = w[p];
                    var wq = w[q];
                    double alpha = 0, beta = 0, gamma = 0;
                    for (int r = 0; r < wp.Length; r++)
                    {
                        alpha += wp[r] * wp[r];
                        beta += wq[r] * wq[r];
                        gamma += wp[r] * wq[r];
                    }
                    if (gamma == 0 || Math.Abs(gamma) <= Tolerance * Math.Sqrt(alpha * beta)) continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = zeta == 0 ? 1 : Math.Sign(zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    double c = 1 / Math.Sqrt(1 + t * t), s = c * t;
                    Rotate(wp, wq, c, s);
                    Rotate(v[p], v[q], c, s);
                }
            }
            if (!rotated) break;
        }

        var sigma = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            double sum = 0;
            foreach (double x in w[j]) sum += x * x;
            sigma[j] = Math.Sqrt(sum);
        }

        // Largest first; the order of equal values is kept (stable) so results are deterministic.
        var order = Enumerable.Range(0, cols).OrderByDescending(j => sigma[j]).ToArray();
        var u = new double[rows, cols];
        var vSorted = new double[cols, cols];
        var s2 = new double[cols];
        var zero = new List<int>();
        // A column whose σ is below this share of the largest is numerically zero: its direction is noise.
        double floor = sigma.Max() * 1e-13;
        for (int k = 0; k < cols; k++)
        {
            int j = order[k];
            for (int c = 0; c < cols; c++) vSorted[c, k] = v[j][c];
            if (sigma[j] > floor)
            {
                s2[k] = sigma[j];
                for (int r = 0; r < rows; r++) u[r, k] = w[j][r] / sigma[j];
            }
            else
            {
                zero.Add(k);
            }
        }
        CompleteOrthonormalColumns(u, rows, zero);
        return new SingularValueDecomposition(u, s2, vSorted);
    }

    /// <summary>
    /// Fills the listed columns of <paramref name="u"/> (those of zero singular values, which W cannot
    /// give a direction for) with unit vectors orthogonal to every other column: Gram–Schmidt applied
    /// to the standard basis e_0, e_1, … (twice, for stability), keeping the first that survives.
    /// </summary>
    private static void CompleteOrthonormalColumns(double[,] u, int rows, List<int> columns)
    {
        int cols = u.GetLength(1);
        var filled = new bool[cols];
        for (int k = 0; k < cols; k++) filled[k] = !columns.Contains(k);
        var candidate = new double[rows];
        int basis = 0;
        foreach (int k in columns)
        {
            while (basis < rows)
            {
                Array.Clear(candidate);
                candidate[basis++] = 1;
                for (int pass = 0; pass < 2; pass++)
                    for (int other = 0; other < cols; other++)
                    {
                        if (!filled[other]) continue;
                        double dot = 0;
                        for (int r = 0; r < rows; r++) dot += candidate[r] * u[r, other];
                        for (int r = 0; r < rows; r++) candidate[r] -= dot * u[r, other];
                    }
                double norm = Math.Sqrt(candidate.Sum(x => x * x));
                // e_i has unit length; if less than half of it is left, it lies mostly in the span already.
                if (norm < 0.5) continue;
                for (int r = 0; r < rows; r++) u[r, k] = candidate[r] / norm;
                filled[k] = true;
                break;
            }
        }
    }

    /// <summary>(x, y) ← (c·x − s·y, s·x + c·y), element by element.</summary>
    private static void Rotate(double[] x, double[] y, double c, double s)
    {
        for (int r = 0; r < x.Length; r++)
        {
            double xr = x[r], yr = y[r];
            x[r] = c * xr - s * yr;
            y[r] = s * xr + c * yr;
        }
    }

    private static double[,] Transpose(double[,] a)
    {
        int rows = a.GetLength(0), cols = a.GetLength(1);
        var t = new double[cols, rows];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) t[c, r] = a[r, c];
        return t;
    }
}
