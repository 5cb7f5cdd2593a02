using RealtimeConv.App.Bench;

namespace RealtimeConv.Tests.Bench;

/// <summary>How <c>--shapes</c> and <c>--backend</c> are read.</summary>
public sealed class BenchArgumentsTests
{
    [Fact]
    public void NoShapesMeansTheWholeGridOfTheIssue()
    {
        var grid = BenchGrid.Select(null);
        Assert.Equal(5, grid.Count);
        Assert.Equal(new BenchShape(3, 16, 1080, 1920, 3), grid[0]);
        Assert.Equal(new BenchShape(16, 16, 512, 512, 7), grid[4]);
        Assert.Same(grid, BenchGrid.Select("  "));
    }

    [Fact]
    public void GridRowsAreOneBasedAndCustomShapesAreMNWidthByHeightK()
    {
        Assert.Equal([BenchGrid.Default[0], BenchGrid.Default[1]], BenchGrid.Select("1,2"));
        var mixed = BenchGrid.Select("3; 4,8,16x12,5 ;5");
        Assert.Equal([BenchGrid.Default[2], new BenchShape(4, 8, Height: 12, Width: 16, K: 5), BenchGrid.Default[4]], mixed);
        Assert.Equal("4,8,16x12,5", mixed[1].Spec);
        Assert.Equal(new BenchShape(1, 1, 1, 7, 1), BenchGrid.Select("1,1,7×1,1").Single());
    }

    [Theory]
    [InlineData("0", "grid row")]
    [InlineData("6", "grid row")]
    [InlineData("1,a", "'a'")]
    [InlineData("4,8,16x12", "M,N,WxH,K")]
    [InlineData("4,8,16x12x3,3", "M,N,WxH,K")]
    [InlineData("4,8,16x0,3", "M,N,WxH,K")]
    [InlineData("4,8,16x12,4", "odd")]
    [InlineData("4,8,16x12,17", "odd")]
    [InlineData("5000,8,16x12,3", "channels")]
    [InlineData(";", "selects no shape")]
    public void BadShapesAreOneLineUsageErrors(string text, string expected)
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchGrid.Select(text));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("--shapes", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static readonly string[] Known = ["cpu", "cpu-ref", "gpu"];

    [Fact]
    public void BackendsAreCommaSeparatedDistinctAndTakeTheCatalogSpelling()
    {
        Assert.Equal(["cpu"], BenchSettings.ParseBackends("cpu", Known));
        Assert.Equal(["cpu", "cpu-ref"], BenchSettings.ParseBackends("CPU, cpu-ref,cpu", Known));
        Assert.Equal(["gpu", "cpu"], BenchSettings.ParseBackends("gpu,,cpu", Known));
    }

    [Theory]
    [InlineData("cpu,simd", "unknown backend 'simd' (known: cpu, cpu-ref, gpu)")]
    [InlineData("ort", "always measured")]
    [InlineData("", "no backend")]
    public void UnknownOrPeerBackendNamesAreUsageErrors(string text, string expected)
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchSettings.ParseBackends(text, Known));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void MedianOfOddAndEvenSampleCountsAndMinimum()
    {
        var shape = new BenchShape(1, 1, 1, 1, 1);
        var odd = BenchRow.FromSamples(BenchOp.Standard, "x", shape, 1, false, [5, 1, 3], "wall");
        Assert.Equal((3.0, 1.0, 3), (odd.MedianMs, odd.MinMs, odd.Runs));
        var even = BenchRow.FromSamples(BenchOp.Standard, "x", shape, 1, false, [4, 1, 2, 10], "wall");
        Assert.Equal((3.0, 1.0), (even.MedianMs, even.MinMs));
    }
}
