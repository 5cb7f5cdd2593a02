using RealtimeConv.Execution;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Algebra;

namespace RealtimeConv.Tests.Execution;

/// <summary>The frame runner: what it computes, what it owns and reuses, how it times and releases.</summary>
public sealed class PipelineExecutorTests
{
    private static readonly ReferenceBackend Reference = new();

    /// <summary>Float32 rounding of composed weights against the two-pass chain, on values of order 1.</summary>
    private const float ExactModesTolerance = 1e-4f;

    /// <summary>Float32 kernels against the double-accumulating reference over a three-layer chain whose values grow to order 10.</summary>
    private const float FloatChainTolerance = 1e-3f;

    private static Pipeline TwoBlocks(Activation between) => new("two", 3,
    [
        new StandardBlock("stem", ConvLayer.Standard("stem", 3, 6, 3, 2, RandomTensors.Uniform(6 * 3 * 9, 1), RandomTensors.Uniform(6, 2), Activation.Relu), 2),
        new SeparableBlock("sep",
            ConvLayer.Depthwise("sep.dw", 6, 2, 5, 1, RandomTensors.Uniform(12 * 25, 3), activation: between),
            ConvLayer.Pointwise("sep.pw", 12, 4, 1, RandomTensors.Uniform(48, 4))),
    ]);

    [Fact]
    public void EachLayerOutputIsWhatItsPassComputes()
    {
        var chain = TwoBlocks(Activation.Relu).Resolve(ConvMode.Separable);
        using var executor = new PipelineExecutor(chain, Reference);
        var input = RandomTensors.Map(3, 9, 11, 5);
        var final = executor.Run(input);

        var expected = input;
        for (int i = 0; i < chain.Layers.Count; i++)
        {
            expected = Reference.Prepare(chain.Layers[i]).Run(expected);
            Assert.Equal(expected.ToPlanar(), executor.LayerOutput(i).ToPlanar());
        }
        Assert.Same(executor.LayerOutput(chain.Layers.Count - 1), final);
        Assert.Equal((4, 5, 6), (final.Channels, final.Height, final.Width));
    }

    [Fact]
    public void IntermediatesTakeTheLayoutTheBackendPrefersAndTheAnswerDoesNot()
    {
        // A 3-channel separable stem and a 4-channel output: the fast backend keeps those planar.
        var pipeline = new Pipeline("planar", 3,
        [
            new SeparableBlock("stem",
                ConvLayer.Depthwise("stem.dw", 3, 1, 3, 1, RandomTensors.Uniform(27, 1), RandomTensors.Uniform(3, 2), Activation.Relu),
                ConvLayer.Pointwise("stem.pw", 3, 16, 1, RandomTensors.Uniform(48, 3), RandomTensors.Uniform(16, 4), Activation.Relu)),
            new StandardBlock("head", ConvLayer.Standard("head", 16, 4, 3, 1, RandomTensors.Uniform(16 * 4 * 9, 5)), 1),
        ]);
        var chain = pipeline.Resolve(ConvMode.Separable);
        using var fast = new RealtimeConv.Kernels.Fast.FastBackend(threads: 2);
        using var executor = new PipelineExecutor(chain, fast, FusionPolicy.Never);
        var blocked = RandomTensors.Map(3, 19, 23, 6);
        var planar = new FeatureMap(3, 19, 23, ChannelLayout.Planar);
        planar.CopyFrom(blocked);
        var final = executor.Run(planar);

        for (int i = 0; i < chain.Layers.Count; i++)
            Assert.Equal(chain.Layers[i].OutChannels <= 4 ? ChannelLayout.Planar : ChannelLayout.Blocked, executor.LayerOutput(i).Layout);
        Assert.Equal((ChannelLayout.Planar, ChannelLayout.Planar), (executor.LayerOutput(0).Layout, final.Layout));
        var expected = blocked;
        foreach (var layer in chain.Layers) expected = Reference.Prepare(layer).Run(expected);
        Assert.True(FeatureMap.MaxAbsDifference(expected, final) <= FloatChainTolerance);
        // Fused, the stem's tile stays planar: the same answer.
        using var fused = new PipelineExecutor(chain, fast, FusionPolicy.Always);
        Assert.True(FeatureMap.MaxAbsDifference(expected, fused.Run(planar)) <= FloatChainTolerance);
        using var reference = new PipelineExecutor(chain, Reference);
        Assert.Equal(ChannelLayout.Blocked, reference.Run(blocked).Layout);
    }

    [Fact]
    public void MapsAreReusedAcrossFramesAndReplacedOnlyWhenTheSizeChanges()
    {
        using var executor = new PipelineExecutor(TwoBlocks(Activation.None).Resolve(ConvMode.Standard), Reference);
        var first = executor.Run(RandomTensors.Map(3, 8, 8, 1));
        var second = executor.Run(RandomTensors.Map(3, 8, 8, 2));
        Assert.Same(first, second);
        var resized = executor.Run(RandomTensors.Map(3, 6, 10, 3));
        Assert.NotSame(first, resized);
        Assert.Equal((3, 5), (resized.Height, resized.Width));
        Assert.Equal((3, 5), (executor.LayerOutput(0).Height, executor.LayerOutput(0).Width));
    }

    [Fact]
    public void UntimedPassesAreTimedWithTheWallClock()
    {
        using var executor = new PipelineExecutor(TwoBlocks(Activation.None).Resolve(ConvMode.Separable), Reference);
        Assert.Throws<InvalidOperationException>(() => executor.LayerOutput(0));
        executor.Run(RandomTensors.Map(3, 8, 8, 1));
        Assert.Equal(4, executor.Timings.Count);
        Assert.All(executor.Timings, t => Assert.Equal("wall", t.Clock));
        Assert.All(executor.Timings, t => Assert.True(t.Milliseconds >= 0));
        Assert.Equal(executor.Timings.Sum(t => t.Milliseconds), executor.TotalMilliseconds);
    }

    [Fact]
    public void TimedPassesReportTheirOwnClockAndDisposableOnesAreReleasedOnce()
    {
        var backend = new RecordingBackend();
        var executor = new PipelineExecutor(TwoBlocks(Activation.None).Resolve(ConvMode.Separable), backend);
        executor.Run(RandomTensors.Map(3, 8, 8, 1));
        Assert.All(executor.Timings, t => Assert.Equal(new PassTiming(0.25, "test-clock"), t));
        executor.Dispose();
        executor.Dispose();
        Assert.All(backend.Passes, p => Assert.Equal(1, p.Disposals));
        Assert.Throws<ObjectDisposedException>(() => executor.Run(RandomTensors.Map(3, 8, 8, 1)));
    }

    [Fact]
    public void PassesPreparedBeforeAFailureAreReleased()
    {
        var backend = new RecordingBackend { FailAt = 2 };
        Assert.Throws<LayerSpecException>(() => new PipelineExecutor(TwoBlocks(Activation.None).Resolve(ConvMode.Separable), backend));
        Assert.Equal(2, backend.Passes.Count);
        Assert.All(backend.Passes, p => Assert.Equal(1, p.Disposals));
    }

    [Fact]
    public void AnImageWithFewerChannelsIsRepeatedAcrossTheInputChannels()
    {
        var pipeline = PresetCatalog.Build("random:m=8,n=4,k=3");
        using var executor = new PipelineExecutor(pipeline.Resolve(ConvMode.Separable), Reference);
        var rgb = RandomTensors.Map(3, 6, 7, 1);
        var spread = new FeatureMap(8, 6, 7);
        for (int c = 0; c < 8; c++)
            for (int y = 0; y < 6; y++)
                for (int x = 0; x < 7; x++) spread[c, y, x] = rgb[c % 3, y, x];
        var viaImage = executor.Run(rgb).ToPlanar();
        Assert.Equal(executor.Run(spread).ToPlanar(), viaImage);
    }

    [Fact]
    public void ModeComparisonIsZeroForLinearBlocksAndShowsADroppedActivation()
    {
        var input = RandomTensors.Map(3, 12, 12, 7);
        // Linear between the passes: standard mode composes exactly.
        var exact = new Pipeline("exact", 3, [new SeparableBlock("sep",
            ConvLayer.Depthwise("dw", 3, 2, 5, 1, RandomTensors.Uniform(6 * 25, 8)),
            ConvLayer.Pointwise("pw", 6, 4, 1, RandomTensors.Uniform(24, 9)))]);
        Assert.True(ModeComparison.MaxAbsDifference(exact, Reference, input) < ExactModesTolerance);

        // With ReLU between the passes, standard mode drops it: the outputs must differ visibly.
        var dropped = new Pipeline("dropped", 3, [new SeparableBlock("sep",
            ConvLayer.Depthwise("dw", 3, 2, 5, 1, RandomTensors.Uniform(6 * 25, 8), activation: Activation.Relu),
            ConvLayer.Pointwise("pw", 6, 4, 1, RandomTensors.Uniform(24, 9)))]);
        Assert.True(ModeComparison.MaxAbsDifference(dropped, Reference, input) > 0.1f);
    }

    /// <summary>A backend whose passes time themselves with a fixed reading and count their disposals.</summary>
    private sealed class RecordingBackend : IConvBackend
    {
        public List<RecordingPass> Passes { get; } = [];

        public int FailAt { get; init; } = -1;

        public string Name => "recording";

        public IConvPass Prepare(ConvLayer layer)
        {
            if (Passes.Count == FailAt) throw new LayerSpecException(layer.Name, "backend", "refused for the test");
            var pass = new RecordingPass(layer);
            Passes.Add(pass);
            return pass;
        }

        public void Dispose()
        {
        }
    }

    private sealed class RecordingPass(ConvLayer layer) : ITimedPass, IDisposable
    {
        public ConvLayer Layer { get; } = layer;

        public int Disposals { get; private set; }

        public void Run(FeatureMap input, FeatureMap output) => output.Clear();

        public PassTiming RunTimed(FeatureMap input, FeatureMap output)
        {
            Run(input, output);
            return new PassTiming(0.25, "test-clock");
        }

        public void Dispose() => Disposals++;
    }
}
