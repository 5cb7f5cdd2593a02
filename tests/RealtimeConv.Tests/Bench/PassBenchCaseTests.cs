using System.Diagnostics;
using RealtimeConv.App.Bench;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Bench;

/// <summary>Which clock a bench row reports: the wall clock, or the pass's own (the GPU backend's timestamps).</summary>
public sealed class PassBenchCaseTests
{
    private static readonly BenchLayers Layers = BenchLayers.Create(new BenchShape(3, 4, 5, 6, 3), seed: 3);

    /// <summary>A pass that computes with the reference loops and reports its own clock, as a GPU pass would.</summary>
    private sealed class SelfTimedPass(IConvPass inner, string clock) : ITimedPass
    {
        public int TimedRuns { get; private set; }

        public ConvLayer Layer => inner.Layer;

        public void Run(FeatureMap input, FeatureMap output) => inner.Run(input, output);

        public PassTiming RunTimed(FeatureMap input, FeatureMap output)
        {
            TimedRuns++;
            long start = Stopwatch.GetTimestamp();
            inner.Run(input, output);
            return new PassTiming(Stopwatch.GetElapsedTime(start).TotalMilliseconds, clock);
        }
    }

    [Fact]
    public void PlainPassesAreTimedWithTheWallClock()
    {
        var maps = new BenchMaps(Layers.Shape, seed: 4, _ => ChannelLayout.Blocked);
        var reference = new ReferenceBackend();
        using var benchCase = new PassBenchCase("cpu-ref", BenchOp.Standard, [reference.Prepare(Layers.Standard)], [maps.Input, maps.Standard]);
        var timing = benchCase.RunOnce();
        Assert.Equal("wall", timing.Clock);
        Assert.True(timing.Milliseconds > 0);
        Assert.Equal(reference.Prepare(Layers.Standard).Run(maps.Input).ToPlanar(), maps.Standard.ToPlanar());
    }

    [Fact]
    public void SelfTimedPassesReportTheirClockAndSeparableSumsBoth()
    {
        var maps = new BenchMaps(Layers.Shape, seed: 4, _ => ChannelLayout.Blocked);
        var reference = new ReferenceBackend();
        var depthwise = new SelfTimedPass(reference.Prepare(Layers.Depthwise), "gl-timestamp");
        var pointwise = new SelfTimedPass(reference.Prepare(Layers.Pointwise), "gl-timestamp");
        using var benchCase = new PassBenchCase("gpu", BenchOp.Separable, [depthwise, pointwise], [maps.Input, maps.Intermediate, maps.Pointwise]);
        var timing = benchCase.RunOnce();
        Assert.Equal("gl-timestamp", timing.Clock);
        Assert.Equal((1, 1), (depthwise.TimedRuns, pointwise.TimedRuns));
        var expected = reference.Prepare(Layers.Pointwise).Run(reference.Prepare(Layers.Depthwise).Run(maps.Input));
        Assert.Equal(expected.ToPlanar(), maps.Pointwise.ToPlanar());
    }

    [Fact]
    public void MapsThatDoNotFitTheLayersAreRejectedByName()
    {
        var maps = new BenchMaps(Layers.Shape, seed: 4, _ => ChannelLayout.Blocked);
        var pass = new ReferenceBackend().Prepare(Layers.Standard);
        var error = Assert.Throws<ArgumentException>(() => new PassBenchCase("cpu-ref", BenchOp.Standard, [pass], [maps.Input, maps.Depthwise]));
        Assert.Contains("'standard'", error.Message);
    }
}
