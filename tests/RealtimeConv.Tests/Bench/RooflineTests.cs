using RealtimeConv.App.Bench;

namespace RealtimeConv.Tests.Bench;

/// <summary>How the bench places a row under its measured roofs: bytes per layout, floors and the bound.</summary>
public sealed class RooflineTests
{
    private static readonly BenchShape Stem = new(3, 16, 10, 20, 3);

    private static BenchRow Row(BenchOp op, string backend, long multiplications, double medianMs, BenchShape? shape = null) =>
        new(op, backend, shape ?? Stem, multiplications, 5, false, medianMs, medianMs, "wall");

    [Fact]
    public void BytesAreTheMapsInTheBackendsLayout()
    {
        long pixel = Stem.Pixels * sizeof(float);
        // Ours: 3 channels take one 8-channel block, 16 take two; ORT's NCHW stores exactly 3 and 16.
        Assert.Equal((8 + 8) * pixel, Roofline.BytesMoved(BenchOp.Depthwise, Stem, "cpu"));
        Assert.Equal((3 + 3) * pixel, Roofline.BytesMoved(BenchOp.Depthwise, Stem, "ort"));
        Assert.Equal((8 + 16) * pixel, Roofline.BytesMoved(BenchOp.Standard, Stem, "cpu-ref"));
        Assert.Equal((3 + 16) * pixel, Roofline.BytesMoved(BenchOp.Pointwise, Stem, "ort"));
        Assert.Equal((8 + 16) * pixel, Roofline.BytesMoved(BenchOp.Fused, Stem, "cpu"));
        // Two passes: input, intermediate written and read back, output.
        Assert.Equal((3 * 8 + 16) * pixel, Roofline.BytesMoved(BenchOp.Separable, Stem, "cpu"));
        Assert.Equal((8 + 8) * pixel, Roofline.BytesMoved(BenchOp.MemoryRoof, Stem, Roofline.BackendName));
        Assert.Null(Roofline.BytesMoved(BenchOp.Standard, Stem, "gpu"));
        Assert.Null(Roofline.BytesMoved(BenchOp.ComputeRoof, Stem, Roofline.BackendName));
    }

    [Fact]
    public void FloorIsTheHigherOfTheTwoAndTheFractionIsFloorOverMedian()
    {
        long copyBytes = Roofline.BytesMoved(BenchOp.MemoryRoof, Stem, Roofline.BackendName)!.Value;
        // Compute roof: 1e6 multiply-adds in 0.02 ms = 100 GFLOP/s. Memory roof: the copy in 0.5 ms.
        var roofline = new Roofline([Row(BenchOp.ComputeRoof, Roofline.BackendName, 1_000_000, 0.02), Row(BenchOp.MemoryRoof, Roofline.BackendName, 0, 0.5)]);
        Assert.Equal(100, roofline.Gflops(Stem)!.Value, 9);
        Assert.Equal(copyBytes / 0.5e6, roofline.GigabytesPerSecond(Stem)!.Value, 9);

        // Depthwise on our layout moves exactly the copy's bytes: its memory floor is the copy's time.
        var depthwise = roofline.Of(Row(BenchOp.Depthwise, "cpu", 1000, 0.8))!.Value;
        Assert.Equal("memory", depthwise.Bound);
        Assert.Equal(0.5, depthwise.FloorMs, 9);
        Assert.Equal(0.5 / 0.8, depthwise.Fraction, 9);

        // 50e6 multiply-adds at 100 GFLOP/s take 1 ms, more than any memory floor here.
        var standard = roofline.Of(Row(BenchOp.Standard, "ort", 50_000_000, 4))!.Value;
        Assert.Equal("compute", standard.Bound);
        Assert.Equal(1, standard.FloorMs, 9);
        Assert.Equal(0.25, standard.Fraction, 9);
    }

    [Fact]
    public void RowsWithoutRoofsOrOnTheGpuHaveNoPoint()
    {
        var roofline = new Roofline([Row(BenchOp.ComputeRoof, Roofline.BackendName, 1_000_000, 0.02), Row(BenchOp.MemoryRoof, Roofline.BackendName, 0, 0.5)]);
        Assert.Null(roofline.Of(Row(BenchOp.Standard, "gpu", 1000, 1)));
        Assert.Null(roofline.Of(Row(BenchOp.Standard, "cpu", 1000, 1, new BenchShape(8, 8, 4, 4, 3))));
        Assert.Null(roofline.Of(Row(BenchOp.MemoryRoof, Roofline.BackendName, 0, 0.5)));
        Assert.Null(new Roofline([]).Gflops(Stem));
    }

    [Fact]
    public void SpeedupAtTheRoofIsThePeersTimeOverOurFloor()
    {
        var settings = new BenchSettings(["cpu"], [Stem], Runs: 5, Warmup: 1, OrtThreads: 2, Seed: 1);
        var machine = new MachineInfo("Test CPU", 2, true, true, "Linux", ".NET 10", "1.0.0", true, MachineInfo.CacheTreatment, DateTimeOffset.UtcNow);
        var roofs = new[] { Row(BenchOp.ComputeRoof, Roofline.BackendName, 1_000_000, 0.02), Row(BenchOp.MemoryRoof, Roofline.BackendName, 0, 0.5) };
        // Our depthwise: floor 0.5 ms (the copy's bytes), measured 0.8 ms; ORT's: 2 ms.
        var report = new BenchReport(machine, settings, [Row(BenchOp.Depthwise, "cpu", 1000, 0.8), Row(BenchOp.Depthwise, "ort", 1000, 2)], roofs);
        Assert.Equal(2 / 0.8, report.GeometricMeanSpeedup(BenchOp.Depthwise, "cpu", "ort")!.Value, 9);
        Assert.Equal(2 / 0.5, report.GeometricMeanSpeedupAtRoof(BenchOp.Depthwise, "cpu", "ort")!.Value, 9);
        Assert.Null(report.GeometricMeanSpeedupAtRoof(BenchOp.Pointwise, "cpu", "ort"));

        var table = new StringWriter();
        BenchTable.Write(report, table);
        Assert.Contains("roofline floor", table.ToString());
        Assert.Contains("depthwise 4.00×", table.ToString());
    }
}
