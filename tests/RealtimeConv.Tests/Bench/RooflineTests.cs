using RealtimeConv.App.Bench;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Bench;

/// <summary>How the bench places a row under its measured roofs: bytes of the maps in their layouts, floors and the bound.</summary>
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
    public void AMapsBytesAreItsBlocksPixelsInItsLayout()
    {
        long pixel = Stem.Pixels * sizeof(float);
        // Blocked: 3 channels take one 8-channel block, 16 take two; planar stores exactly 3.
        Assert.Equal(8 * pixel, Roofline.BytesOf(new FeatureMap(3, 10, 20)));
        Assert.Equal(3 * pixel, Roofline.BytesOf(new FeatureMap(3, 10, 20, ChannelLayout.Planar)));
        Assert.Equal(16 * pixel, Roofline.BytesOf(new FeatureMap(16, 10, 20)));
    }

    [Fact]
    public void NchwBytesAreExactlyTheChannelsOfEveryMap()
    {
        long pixel = Stem.Pixels * sizeof(float);
        Assert.Equal((3 + 3) * pixel, Roofline.NchwBytesMoved(BenchOp.Depthwise, Stem));
        Assert.Equal((3 + 16) * pixel, Roofline.NchwBytesMoved(BenchOp.Pointwise, Stem));
        // Two passes: input, intermediate written and read back, output.
        Assert.Equal((3 * 3 + 16) * pixel, Roofline.NchwBytesMoved(BenchOp.Separable, Stem));
        Assert.Throws<ArgumentOutOfRangeException>(() => Roofline.NchwBytesMoved(BenchOp.MemoryRoof, Stem));
    }

    [Fact]
    public void CasesCountTheBytesOfTheMapsTheyRunOn()
    {
        long pixel = Stem.Pixels * sizeof(float);
        var layers = BenchLayers.Create(Stem, seed: 1);
        var reference = new ReferenceBackend();
        // The fast backend's choice: the 3-channel maps planar, the 16-channel ones blocked.
        var planar = new BenchMaps(Stem, seed: 2, FeatureMap.PreferredLayout);
        using (var depthwise = new PassBenchCase("cpu", BenchOp.Depthwise, [reference.Prepare(layers.Depthwise)], [planar.Input, planar.Depthwise]))
            Assert.Equal((3 + 3) * pixel, depthwise.BytesMoved);
        using (var separable = new PassBenchCase("cpu", BenchOp.Separable, [reference.Prepare(layers.Depthwise), reference.Prepare(layers.Pointwise)],
            [planar.Input, planar.Intermediate, planar.Pointwise]))
            Assert.Equal((3 + 3 + 3 + 16) * pixel, separable.BytesMoved);
        var blocked = new BenchMaps(Stem, seed: 2, _ => ChannelLayout.Blocked);
        using (var standard = new PassBenchCase("cpu-ref", BenchOp.Standard, [reference.Prepare(layers.Standard)], [blocked.Input, blocked.Standard]))
            Assert.Equal((8 + 16) * pixel, standard.BytesMoved);
        using var backend = new FastBackend(threads: 1);
        using var fused = new FusedBenchCase("cpu", backend.PrepareSeparable(layers.Depthwise, layers.Pointwise)!, planar.Input, planar.Pointwise);
        Assert.Equal((3 + 16) * pixel, fused.BytesMoved);
        using var computeRoof = new ComputeRoofBenchCase();
        Assert.Null(((IBenchCase)computeRoof).BytesMoved);
    }

    [Fact]
    public void FloorIsTheHigherOfTheTwoAndTheFractionIsFloorOverMedian()
    {
        var roofline = new Roofline(Roofs());
        Assert.Equal(100, roofline.Gflops(Stem)!.Value, 9);
        Assert.Equal(4, roofline.GigabytesPerSecond(Stem)!.Value, 9);

        // Blocked depthwise on the stem moves 16 channels × 200 pixels × 4 B = 12 800 B: 0.0032 ms at 4 GB/s,
        // more than its 1800 multiply-adds take at 100 GFLOP/s (0.000036 ms).
        var depthwise = roofline.Of(Row(BenchOp.Depthwise, "cpu", 1800, 0.0064, bytes: 12_800))!.Value;
        Assert.Equal("memory", depthwise.Bound);
        Assert.Equal(0.0032, depthwise.FloorMs, 12);
        Assert.Equal(0.5, depthwise.Fraction, 9);

        // 50e6 multiply-adds at 100 GFLOP/s take 1 ms, more than any memory floor here.
        var standard = roofline.Of(Row(BenchOp.Standard, "ort", 50_000_000, 4, bytes: 15_200))!.Value;
        Assert.Equal("compute", standard.Bound);
        Assert.Equal(1, standard.FloorMs, 9);
        Assert.Equal(0.25, standard.Fraction, 9);
    }

    [Fact]
    public void RowsWithoutRoofsOrOnTheGpuHaveNoPoint()
    {
        var roofline = new Roofline(Roofs());
        Assert.Null(roofline.Of(Row(BenchOp.Standard, "gpu", 1000, 1, clock: "gl-timestamp", bytes: 100)));
        Assert.Null(roofline.Of(Row(BenchOp.Standard, "cpu", 1000, 1, new BenchShape(8, 8, 4, 4, 3), bytes: 100)));
        Assert.Null(roofline.Of(Row(BenchOp.Standard, "cpu", 1000, 1))); // bytes not counted
        Assert.Null(roofline.Of(Roofs()[1]));
        Assert.Null(new Roofline([]).Gflops(Stem));
    }

    [Fact]
    public void SpeedupAtTheRoofIsThePeersTimeOverOurFloor()
    {
        var settings = new BenchSettings(["cpu"], [Stem], Runs: 5, Warmup: 1, OrtThreads: 2, Seed: 1);
        var machine = new MachineInfo("Test CPU", 2, true, true, "Linux", ".NET 10", "1.0.0", true, MachineInfo.CacheTreatment, DateTimeOffset.UtcNow);
        // Our depthwise: floor 0.0032 ms, measured 0.0064 ms; ORT's: 0.0128 ms.
        var report = new BenchReport(machine, settings, [Row(BenchOp.Depthwise, "cpu", 1800, 0.0064, bytes: 12_800), Row(BenchOp.Depthwise, "ort", 1800, 0.0128, bytes: 4_800)], Roofs());
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
