using RealtimeConv.Algebra;

namespace RealtimeConv.Tests.Algebra;

/// <summary>The hand-written SVD on its own: it is what every fit stands on.</summary>
public sealed class JacobiSvdTests
{
    /// <summary>Double-precision rounding over a few sweeps on matrices this small.</summary>
    private const double Tolerance = 1e-11;

    public static TheoryData<int, int> Shapes => new() { { 7, 4 }, { 4, 7 }, { 9, 9 }, { 1, 5 }, { 5, 1 }, { 32, 9 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ReconstructsOrthonormalDescending(int rows, int cols)
    {
        var a = RandomMatrix(rows, cols, seed: rows * 31 + cols);
        var svd = JacobiSvd.Decompose(a);
        AssertDecomposition(a, svd);
    }

    [Fact]
    public void RankDeficientMatrixHasZeroTailAndStillOrthonormalFactors()
    {
        // A = x·yᵀ + z·wᵀ: rank 2 in a 6×5 matrix.
        var x = RandomMatrix(6, 2, 1);
        var y = RandomMatrix(5, 2, 2);
        var a = new double[6, 5];
        for (int r = 0; r < 6; r++)
            for (int c = 0; c < 5; c++) a[r, c] = x[r, 0] * y[c, 0] + x[r, 1] * y[c, 1];
        var svd = JacobiSvd.Decompose(a);
        AssertDecomposition(a, svd);
        Assert.True(svd.S[1] > 1e-3);
        for (int j = 2; j < svd.Rank; j++) Assert.True(svd.S[j] < 1e-12, $"σ{j} = {svd.S[j]}");
        AssertClose(a, svd.Reconstruct(2));
    }

    [Fact]
    public void AllZeroMatrixGivesZeroSingularValuesWithoutNaN()
    {
        var a = new double[4, 9];
        var svd = JacobiSvd.Decompose(a);
        Assert.All(svd.S, s => Assert.Equal(0.0, s));
        AssertDecomposition(a, svd);
    }

    [Fact]
    public void RepeatedColumnsDoNotDivideByZero()
    {
        // Two identical columns and a zero column: γ is large for the first pair and 0 against the zero one.
        var a = new double[,] { { 1, 1, 0 }, { 2, 2, 0 }, { 3, 3, 0 } };
        var svd = JacobiSvd.Decompose(a);
        AssertDecomposition(a, svd);
        Assert.Equal(Math.Sqrt(28), svd.S[0], 12);
        Assert.True(svd.S[1] < 1e-12 && svd.S[2] < 1e-12);
    }

    [Fact]
    public void KnownDiagonalValuesComeOutSorted()
    {
        var a = new double[,] { { 1, 0, 0 }, { 0, -5, 0 }, { 0, 0, 3 } };
        var svd = JacobiSvd.Decompose(a);
        Assert.Equal(new[] { 5.0, 3.0, 1.0 }, svd.S.Select(s => Math.Round(s, 12)));
    }

    private static void AssertDecomposition(double[,] a, SingularValueDecomposition svd)
    {
        int rows = a.GetLength(0), cols = a.GetLength(1), rank = Math.Min(rows, cols);
        Assert.Equal(rank, svd.Rank);
        Assert.Equal((rows, rank), (svd.U.GetLength(0), svd.U.GetLength(1)));
        Assert.Equal((cols, rank), (svd.V.GetLength(0), svd.V.GetLength(1)));
        for (int j = 0; j < rank; j++)
        {
            Assert.True(svd.S[j] >= 0 && double.IsFinite(svd.S[j]));
            if (j > 0) Assert.True(svd.S[j] <= svd.S[j - 1], $"σ not descending at {j}");
        }
        AssertOrthonormalColumns(svd.U);
        AssertOrthonormalColumns(svd.V);
        AssertClose(a, svd.Reconstruct(rank));
    }

    private static void AssertOrthonormalColumns(double[,] m)
    {
        int rows = m.GetLength(0), cols = m.GetLength(1);
        for (int p = 0; p < cols; p++)
            for (int q = 0; q < cols; q++)
            {
                double dot = 0;
                for (int r = 0; r < rows; r++) dot += m[r, p] * m[r, q];
                Assert.True(Math.Abs(dot - (p == q ? 1 : 0)) < Tolerance, $"columns {p},{q}: dot {dot}");
            }
    }

    private static void AssertClose(double[,] expected, double[,] actual)
    {
        for (int r = 0; r < expected.GetLength(0); r++)
            for (int c = 0; c < expected.GetLength(1); c++)
                Assert.True(Math.Abs(expected[r, c] - actual[r, c]) < Tolerance, $"[{r},{c}]: {expected[r, c]} vs {actual[r, c]}");
    }

    internal static double[,] RandomMatrix(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var a = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) a[r, c] = random.NextDouble() * 2 - 1;
        return a;
    }
}
