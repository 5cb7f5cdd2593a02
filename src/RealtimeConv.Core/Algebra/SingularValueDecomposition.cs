namespace RealtimeConv.Algebra;

/// <summary>
/// A thin SVD <c>A = U · diag(S) · Vᵀ</c> of an R × C matrix, with r = min(R, C) components:
/// <c>U</c> is R × r and <c>V</c> is C × r, both with orthonormal columns, and <c>S</c> is sorted in
/// descending order. Matrices are row-major <c>double[row, column]</c>.
/// </summary>
/// <param name="U">Left singular vectors, one per column.</param>
/// <param name="S">Singular values, largest first, all ≥ 0.</param>
/// <param name="V">Right singular vectors, one per column.</param>
public sealed record SingularValueDecomposition(double[,] U, double[] S, double[,] V)
{
    /// <summary>Number of components, min(R, C).</summary>
    public int Rank => S.Length;

    /// <summary>
    /// The best rank-<paramref name="components"/> approximation in the Frobenius norm (Eckart–Young):
    /// <c>Σ_{j &lt; components} S[j] · U[:, j] · V[:, j]ᵀ</c>.
    /// </summary>
    public double[,] Reconstruct(int components)
    {
        int rows = U.GetLength(0), cols = V.GetLength(0);
        int take = Math.Min(components, Rank);
        var a = new double[rows, cols];
        for (int j = 0; j < take; j++)
            for (int r = 0; r < rows; r++)
            {
                double us = U[r, j] * S[j];
                for (int c = 0; c < cols; c++) a[r, c] += us * V[c, j];
            }
        return a;
    }
}
