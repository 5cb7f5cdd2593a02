using RealtimeConv.Pipelines;

namespace RealtimeConv.Tests.Pipelines;

/// <summary>The named depthwise filters keep their meaning at every kernel size.</summary>
public sealed class FilterPresetsTests
{
    /// <summary>Float32 rounding of binomial weights summed over at most 49 taps.</summary>
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void BlurSumsToOneSoASolidImageStaysSolid(int k)
    {
        var blur = FilterPresets.Build("blur", k);
        Assert.Equal(1.0, blur.Sum(x => (double)x), Tolerance);
        Assert.All(blur, v => Assert.True(v > 0));
        Assert.Equal(blur, Transposed(blur, k));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void SobelGivesOneOnAUnitRampAndZeroOnAConstant(int k)
    {
        var sx = FilterPresets.Build("sobel_x", k);
        var sy = FilterPresets.Build("sobel_y", k);
        int c = k / 2;
        Assert.Equal(0.0, sx.Sum(x => (double)x), Tolerance);
        Assert.Equal(1.0, Apply(sx, k, (y, x) => x - c), Tolerance);
        Assert.Equal(0.0, Apply(sx, k, (y, x) => y - c), Tolerance);
        Assert.Equal(1.0, Apply(sy, k, (y, x) => y - c), Tolerance);
        Assert.Equal(sy, Transposed(sx, k));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void LaplacianGivesOneOnHalfXSquaredAndTwoOnTheParaboloid(int k)
    {
        var lap = FilterPresets.Build("laplacian", k);
        int c = k / 2;
        Assert.Equal(0.0, lap.Sum(x => (double)x), Tolerance);
        Assert.Equal(0.0, Apply(lap, k, (y, x) => x - c), Tolerance);
        Assert.Equal(1.0, Apply(lap, k, (y, x) => (x - c) * (x - c) / 2.0), Tolerance);
        Assert.Equal(2.0, Apply(lap, k, (y, x) => ((x - c) * (x - c) + (y - c) * (y - c)) / 2.0), Tolerance);
    }

    [Fact]
    public void ThreeByThreeFiltersAreTheClassicOnes()
    {
        Assert.Equal(new[] { 0f, 1, 0, 1, -4, 1, 0, 1, 0 }, FilterPresets.Build("laplacian", 3));
        Assert.Equal(new[] { -1f, 0, 1, -2, 0, 2, -1, 0, 1 }.Select(v => v / 8), FilterPresets.Build("sobel_x", 3));
        Assert.Equal(new[] { 1f, 2, 1, 2, 4, 2, 1, 2, 1 }.Select(v => v / 16), FilterPresets.Build("blur", 3));
        Assert.Equal(new[] { 0f, 0, 0, 0, 1, 0, 0, 0, 0 }, FilterPresets.Build("identity", 3));
    }

    [Fact]
    public void UnknownNamesAndImpossibleSizesAreRefused()
    {
        Assert.Contains("unknown filter 'emboss'", Assert.Throws<ArgumentException>(() => FilterPresets.Build("emboss", 3)).Message);
        Assert.Throws<ArgumentException>(() => FilterPresets.Build("sobel_x", 1));
        Assert.Throws<ArgumentException>(() => FilterPresets.Build("blur", 4));
    }

    /// <summary>Σ f[ky][kx] · g(ky, kx): the correlation of the filter with a polynomial patch.</summary>
    private static double Apply(float[] f, int k, Func<int, int, double> g)
    {
        double sum = 0;
        for (int y = 0; y < k; y++)
            for (int x = 0; x < k; x++) sum += f[y * k + x] * g(y, x);
        return sum;
    }

    private static float[] Transposed(float[] f, int k)
    {
        var t = new float[f.Length];
        for (int y = 0; y < k; y++)
            for (int x = 0; x < k; x++) t[x * k + y] = f[y * k + x];
        return t;
    }
}
