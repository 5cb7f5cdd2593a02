using RealtimeConv.App.Bench;

namespace RealtimeConv.Tests.Bench;

/// <summary>How the bench places a row under its measured roofs: bytes per layout, floors and the bound.</summary>
public sealed class RooflineTests
{
    private static readonly BenchShape Stem = new(3, 16, 10, 20, 3);

    /// <summary>The copy behind the memory roof below: 2 MB moved per run.</summary>
    private const long CopyBytes = 2_000_000;

    private static BenchRow Row(BenchOp op, string backend, long multiplications, double medianMs, BenchShape? shape = null, string clock = "wall", long? bytes = null) =>
        new(op, backend, shape ?? Stem, multiplications, 5, false, medianMs, medianMs, clock, bytes);

    /// <summary>Compute roof: 1e6 multiply-adds in 0.02 ms = 100 GFLOP/s. Memory roof: 2 MB in 0.5 ms = 4 GB/s.</summary>
    private static BenchRow[] Roofs(BenchShape? shape = null) =>
        [Row(BenchOp.ComputeRoof, Roofline.BackendName, 1_000_000, 0.02, shape), Row(BenchOp.MemoryRoof, Roofline.BackendName, 0, 0.5, shape, bytes: CopyBytes)];

    [Fact]
    public void BytesAreTheMapsInTheLayout()
    {
        long pixel = Stem.Pixels * sizeof(float);
        // Blocked: 3 channels take one 8-channel block, 16 take two; NCHW stores exactly 3 and 16.
        Assert.Equal((8 + 8) * pixel, Roofline.BytesMoved(BenchOp.Depthwise, Stem, MapLayout.Blocked));
        Assert.Equal((3 + 3) * pixel, Roofline.BytesMoved(BenchOp.Depthwise, Stem, MapLayout.Nchw));
        Assert.Equal((8 + 16) * pixel, Roofline.BytesMoved(BenchOp.Standard, Stem, MapLayout.Blocked));
        Assert.Equal((3 + 16) * pixel, Roofline.BytesMoved(BenchOp.Pointwise, Stem, MapLayout.Nchw));
        Assert.Equal((8 + 16) * pixel, Roofline.BytesMoved(BenchOp.Fused, Stem, MapLayout.Blocked));
        // Two passes: input, intermediate written and read back, output.
        Assert.Equal((3 * 8 + 16) * pixel, Roofline.BytesMoved(BenchOp.Separable, Stem, MapLayout.Blocked));
        Assert.Throws<ArgumentOutOfRangeException>(() => Roofline.BytesMoved(BenchOp.MemoryRoof, Stem, MapLayout.Blocked));
    }

    [Fact]
    public void TheLayoutFollowsWhoComputedAndWithWhichClock()
    {
        Assert.Equal(MapLayout.Nchw, Roofline.LayoutOf(Row(BenchOp.Standard, "ort", 1, 1)));
        Assert.Equal(MapLayout.Blocked, Roofline.LayoutOf(Row(BenchOp.Standard, "cpu", 1, 1)));
        Assert.Equal(MapLayout.Blocked, Roofline.LayoutOf(Row(BenchOp.Standard, "cpu-ref", 1, 1)));
        Assert.Null(Roofline.LayoutOf(Row(BenchOp.Standard, "gpu", 1, 1, clock: "gl-timestamp")));
    }

    [Fact]
    public void FloorIsTheHigherOfTheTwoAndTheFractionIsFloorOverMedian()
    {
        var roofline = new Roofline(Roofs());
        Assert.Equal(100, roofline.Gflops(Stem)!.Value, 9);
        Assert.Equal(4, roofline.GigabytesPerSecond(Stem)!.Value, 9);

        // Blocked depthwise on the stem moves 16 channels × 200 pixels × 4 B = 12 800 B: 0.0032 ms at 4 GB/s,
        // more than its 1800 multiply-adds take at 100 GFLOP/s (0.000036 ms).
        var depthwise = roofline.Of(Row(BenchOp.Depthwise, "cpu", 1800, 0.0064))!.Value;
        Assert.Equal("memory", depthwise.Bound);
        Assert.Equal(0.0032, depthwise.FloorMs, 12);
        Assert.Equal(0.5, depthwise.Fraction, 9);

        // 50e6 multiply-adds at 100 GFLOP/s take 1 ms, more than any memory floor here.
        var standard = roofline.Of(Row(BenchOp.Standard, "ort", 50_000_000, 4))!.Value;
        Assert.Equal("compute", standard.Bound);
        Assert.Equal(1, standard.FloorMs, 9);
        Assert.Equal(0.25, standard.Fraction, 9);
    }

    [Fact]
    public void RowsWithoutRoofsOrOnTheGpuHaveNoPoint()
    {
        var roofline = new Roofline(Roofs());
        Assert.Null(roofline.Of(Row(BenchOp.Standard, "gpu", 1000, 1, clock: "gl-timestamp")));
        Assert.Null(roofline.Of(Row(BenchOp.Standard, "cpu", 1000, 1, new BenchShape(8, 8, 4, 4, 3))));
        Assert.Null(roofline.Of(Roofs()[1]));
        Assert.Null(new Roofline([]).Gflops(Stem));
    }

    [Fact]
    public void SpeedupAtTheRoofIsThePeersTimeOverOurFloor()
    {
        var settings = new BenchSettings(["cpu"], [Stem], Runs: 5, Warmup: 1, OrtThreads: 2, Seed: 1);
        var machine = new MachineInfo("Test CPU", 2, true, true, "Linux", ".NET 10", "1.0.0", true, MachineInfo.CacheTreatment, DateTimeOffset.UtcNow);
        // Our depthwise: floor 0.0032 ms, measured 0.0064 ms; ORT's: 0.0128 ms.
        var report = new BenchReport(machine, settings, [Row(BenchOp.Depthwise, "cpu", 1800, 0.0064), Row(BenchOp.Depthwise, "ort", 1800, 0.0128)], Roofs());
        Assert.Equal(2, report.GeometricMeanSpeedup(BenchOp.Depthwise, "cpu", "ort")!.Value, 9);
        Assert.Equal(4, report.GeometricMeanSpeedupAtRoof(BenchOp.Depthwise, "cpu", "ort")!.Value, 9);
        Assert.Null(report.GeometricMeanSpeedupAtRoof(BenchOp.Pointwise, "cpu", "ort"));

        var table = new StringWriter();
        BenchTable.Write(report, table);
        Assert.Contains("roofline floor", table.ToString());
        Assert.Contains("depthwise 4.00×", table.ToString());
        Assert.Contains("50% mem", table.ToString());
    }
}
