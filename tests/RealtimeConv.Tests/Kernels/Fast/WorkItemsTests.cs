using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Kernels.Fast;

/// <summary>
/// How a team run's items are dealt (<see cref="WorkItems"/>): own range first, in order, then other workers'
/// items from the back; each exactly once. And that a pass computed with one worker's whole range stolen gives
/// the same bits as one thread.
/// </summary>
public sealed class WorkItemsTests
{
    [Fact]
    public void AWorkerTakesItsOwnRangeInOrderThenStealsFromTheBackOfTheOthers()
    {
        var items = new WorkItems(3);
        items.Reset(10); // ranges 0..2, 3..5, 6..9
        var taken = new List<int>();
        while (items.TryTake(1, out int item)) taken.Add(item);
        // Its own 3..5 from the front, then worker 2's from the back, then worker 0's from the back.
        Assert.Equal([3, 4, 5, 9, 8, 7, 6, 2, 1, 0], taken);
        Assert.False(items.TryTake(0, out _));
        Assert.All(Enumerable.Range(0, 3), w => Assert.Equal(0, items.Remaining(w)));
    }

    [Fact]
    public void OwnerAndThiefMeetWithoutTakingAnItemTwice()
    {
        var items = new WorkItems(2);
        items.Reset(4); // 0..1 and 2..3
        Assert.True(items.TryTake(0, out int a));
        Assert.True(items.TryTake(0, out int b));
        Assert.True(items.TryTake(0, out int stolen)); // worker 0 empty: steals 3
        Assert.True(items.TryTake(1, out int own));    // worker 1 still has 2
        Assert.False(items.TryTake(1, out _));
        Assert.False(items.TryTake(0, out _));
        Assert.Equal([0, 1, 3, 2], [a, b, stolen, own]);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 3)]
    [InlineData(1, 4)]
    [InlineData(5, 1)]
    public void EveryItemIsDealtOnceEvenWithFewerItemsThanWorkers(int count, int workers)
    {
        var items = new WorkItems(workers);
        items.Reset(count);
        var seen = new List<int>();
        for (int w = workers - 1; w >= 0; w--)
            while (items.TryTake(w, out int item)) seen.Add(item);
        seen.Sort();
        Assert.Equal(Enumerable.Range(0, count), seen);
    }

    [Fact]
    public void ResetStartsAFreshRunAfterAnEmptyOne()
    {
        var items = new WorkItems(2);
        items.Reset(3);
        while (items.TryTake(0, out _)) { }
        items.Reset(2);
        Assert.Equal(1, items.Remaining(0));
        Assert.Equal(1, items.Remaining(1));
        Assert.True(items.TryTake(1, out int item));
        Assert.Equal(1, item);
    }

    [Fact]
    public void RacingWorkersTakeEveryItemExactlyOnceAndTheirOwnInOrder()
    {
        const int workers = 4, count = 5000, rounds = 40;
        var items = new WorkItems(workers);
        for (int round = 0; round < rounds; round++)
        {
            items.Reset(count);
            var takenBy = new List<int>[workers];
            using var start = new Barrier(workers);
            var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
            {
                var mine = new List<int>();
                start.SignalAndWait();
                while (items.TryTake(w, out int item)) mine.Add(item);
                takenBy[w] = mine;
            })).ToArray();
            foreach (var thread in threads) thread.Start();
            foreach (var thread in threads) thread.Join();
            var all = takenBy.SelectMany(list => list).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, count), all);
            for (int w = 0; w < workers; w++)
            {
                var (first, end) = StaticPartition.Range(count, w, workers);
                // What a worker took of its own range came from the front, in order, without gaps.
                var own = takenBy[w].Where(item => item >= first && item < end).ToArray();
                Assert.Equal(Enumerable.Range(first, own.Length), own);
            }
        }
    }

    [Fact]
    public void ATeamRunLetsTheCallerTakeALateWorkersWholeRange()
    {
        using var team = new WorkerTeam(2);
        var job = new HeldBackJob(new RecordingJob(count: 37), heldWorker: 1, releasingWorker: 0);
        var map = new FeatureMap(1, 1, 1);
        team.Run(job, map, map);
        var recording = (RecordingJob)job.Inner;
        Assert.Equal(Enumerable.Range(0, 37), recording.TakenBy[0].Order());
        Assert.Empty(recording.TakenBy[1]);
        Assert.Equal(0, job.HeldWorkersItemsLeftAtRelease);
    }

    /// <summary>
    /// A deep layer's small map (7 × 7 or 14 × 14 pixels, hundreds of channels) must still give every worker items:
    /// cut into one 192-pixel chunk it ran on one thread. Large maps keep whole chunks.
    /// </summary>
    [Theory]
    [InlineData(7, 7, 9)]       // 6-pixel items (one tile each), the last one 1 pixel
    [InlineData(14, 14, 17)]    // 12-pixel items
    [InlineData(28, 28, 17)]    // 48-pixel items
    [InlineData(1, 5, 1)]       // fewer pixels than a tile
    [InlineData(256, 256, 342)] // whole 192-pixel chunks
    public void PointwiseCutsSmallMapsIntoEnoughItemsToShare(int h, int w, int expectedItems)
    {
        var layer = FastBackendTests.RandomLayer(ConvKind.Pointwise, 16, 16, 1, 1, bias: false, Activation.None, seed: 1);
        using var team = new WorkerTeam(2);
        var pass = MakePass(layer, team, long.MaxValue);
        int items = pass.CountItems(new FeatureMap(16, h, w), new FeatureMap(16, h, w));
        Assert.Equal(expectedItems, items);
        Assert.True(items >= Math.Min(16, (h * w + 5) / 6), $"{items} items for {h * w} pixels");
    }

    public static TheoryData<string, ConvKind, int, int, int, int, int, ChannelLayout> StolenPasses() => new()
    {
        // name, kind, m, second, k, stride, height, input layout (every pass computes in these layouts directly)
        { "depthwise row pairs", ConvKind.Depthwise, 16, 1, 3, 1, 23, ChannelLayout.Blocked },
        { "depthwise d = 2", ConvKind.Depthwise, 11, 2, 5, 1, 17, ChannelLayout.Blocked },
        { "depthwise stride 2", ConvKind.Depthwise, 9, 1, 3, 2, 21, ChannelLayout.Blocked },
        { "depthwise planes", ConvKind.Depthwise, 3, 1, 7, 1, 19, ChannelLayout.Planar },
        { "depthwise planes stride 2", ConvKind.Depthwise, 3, 4, 3, 2, 25, ChannelLayout.Planar },
        { "pointwise", ConvKind.Pointwise, 24, 40, 1, 1, 29, ChannelLayout.Blocked },
        { "pointwise planes", ConvKind.Pointwise, 3, 16, 1, 1, 29, ChannelLayout.Planar },
        { "pointwise stride 2", ConvKind.Pointwise, 17, 9, 1, 2, 29, ChannelLayout.Blocked },
        { "pointwise, split reduction, small items", ConvKind.Pointwise, 300, 20, 1, 1, 3, ChannelLayout.Blocked },
        { "standard", ConvKind.Standard, 13, 24, 3, 1, 15, ChannelLayout.Blocked },
        { "standard planes stride 2", ConvKind.Standard, 3, 16, 3, 2, 15, ChannelLayout.Planar },
    };

    [Theory]
    [MemberData(nameof(StolenPasses))]
    public void APassWithEitherWorkersRangeStolenGivesTheOneThreadBits(string name, ConvKind kind, int m, int second, int k, int stride, int height, ChannelLayout layout)
    {
        var layer = FastBackendTests.RandomLayer(kind, m, second, k, stride, bias: true, Activation.Relu, seed: height);
        var input = InLayout(FastBackendTests.RandomMap(m, height, 37, seed: k), layout);
        using var single = new FastBackend(threads: 1);
        var expected = single.Prepare(layer).Run(input);
        // Depthwise computes in the input's layout; the GEMM passes write blocks.
        var outputLayout = kind == ConvKind.Depthwise ? layout : ChannelLayout.Blocked;
        foreach (var (held, releasing) in new[] { (1, 0), (0, 1) })
        {
            using var team = new WorkerTeam(2);
            var pass = MakePass(layer, team, streamAboveBytes: long.MaxValue);
            var output = RunHeldBack(team, pass, held, releasing, input, new FeatureMap(layer.OutChannels, expected.Height, expected.Width, outputLayout));
            FastBackendTests.AssertClose(expected, output, $"{name}: worker {held}'s range stolen by worker {releasing}", relativeTolerance: 0);
        }
    }

    /// <summary>
    /// Three workers; the last is held until the others have taken at least half of its range, then races them
    /// for the rest, so owner and thieves meet in the middle (where exactly depends on timing; the bits must not).
    /// Streamed outputs go through the staging rows and their line copies, which must follow the item too.
    /// </summary>
    [Theory]
    [InlineData(ConvKind.Depthwise, 16, 1, 3, 1, false)]
    [InlineData(ConvKind.Depthwise, 16, 1, 3, 1, true)]
    [InlineData(ConvKind.Depthwise, 8, 2, 3, 2, true)]
    [InlineData(ConvKind.Pointwise, 16, 24, 1, 1, true)]
    [InlineData(ConvKind.Standard, 9, 16, 3, 1, true)]
    public void OwnerAndThievesSharingARangeGiveTheOneThreadBits(ConvKind kind, int m, int second, int k, int stride, bool streamed)
    {
        var layer = FastBackendTests.RandomLayer(kind, m, second, k, stride, bias: true, Activation.Relu, seed: 11);
        var input = FastBackendTests.RandomMap(m, 64, 45, seed: 12);
        using var single = new FastBackend(threads: 1);
        var expected = single.Prepare(layer).Run(input);
        using var team = new WorkerTeam(3);
        var pass = MakePass(layer, team, streamed ? 0 : long.MaxValue);
        var output = FastBackendTests.PoisonedOutput(layer, input);
        ((IConvPass)pass).Run(input, output);
        for (int round = 0; round < 20; round++)
        {
            output.Span.Fill(float.NaN);
            team.Run(new HalfStolenJob(pass, heldWorker: 2), input, output);
            FastBackendTests.AssertClose(expected, output, $"{kind}, round {round}", relativeTolerance: 0);
        }
    }

    private static IMapJob MakePass(ConvLayer layer, WorkerTeam team, long streamAboveBytes) =>
        FmaMath.IsSupported ? MakePass<FmaMath>(layer, team, streamAboveBytes) : MakePass<PortableMath>(layer, team, streamAboveBytes);

    private static IMapJob MakePass<T>(ConvLayer layer, WorkerTeam team, long streamAboveBytes) where T : struct, IVectorMath => layer.Kind switch
    {
        ConvKind.Depthwise => new DepthwisePass<T>(layer, team, streamAboveBytes),
        ConvKind.Pointwise => new PointwisePass<T>(layer, team, streamAboveBytes),
        _ => new StandardPass<T>(layer, team, streamAboveBytes),
    };

    private static FeatureMap InLayout(FeatureMap map, ChannelLayout layout)
    {
        if (map.Layout == layout) return map;
        var copy = new FeatureMap(map.Channels, map.Height, map.Width, layout);
        copy.CopyFrom(map);
        return copy;
    }

    [Theory]
    [InlineData(16, 24, 3, ChannelLayout.Blocked)]
    [InlineData(3, 16, 5, ChannelLayout.Planar)]
    public void TheFusedPassWithEitherWorkersRangeStolenGivesTheOneThreadBits(int m, int n, int k, ChannelLayout layout)
    {
        var depthwise = FastBackendTests.RandomLayer(ConvKind.Depthwise, m, 1, k, 1, bias: true, Activation.Relu6, seed: 4);
        var pointwise = FastBackendTests.RandomLayer(ConvKind.Pointwise, m, n, 1, 1, bias: true, Activation.None, seed: 5);
        var input = InLayout(FastBackendTests.RandomMap(m, 27, 31, seed: 6), layout);
        using var single = new FastBackend(threads: 1);
        var expected = FastBackendTests.PoisonedOutput(pointwise, input);
        single.PrepareSeparable(depthwise, pointwise)!.Run(input, expected);
        foreach (var (held, releasing) in new[] { (1, 0), (0, 1) })
        {
            using var team = new WorkerTeam(2);
            IMapJob pass = FmaMath.IsSupported
                ? new FusedSeparablePass<FmaMath>(depthwise, pointwise, team, long.MaxValue)
                : new FusedSeparablePass<PortableMath>(depthwise, pointwise, team, long.MaxValue);
            var output = RunHeldBack(team, pass, held, releasing, input, FastBackendTests.PoisonedOutput(pointwise, input));
            FastBackendTests.AssertClose(expected, output, $"fused: worker {held}'s range stolen by worker {releasing}", relativeTolerance: 0);
        }
    }

    /// <summary>
    /// Runs <paramref name="pass"/> once normally (so it sizes its per-worker scratch), then again with
    /// <paramref name="held"/> kept from starting until <paramref name="releasing"/> has run out of items:
    /// the releasing worker computes every item, the held one's whole range included.
    /// </summary>
    private static FeatureMap RunHeldBack(WorkerTeam team, IMapJob pass, int held, int releasing, FeatureMap input, FeatureMap output)
    {
        if (pass is IConvPass single) single.Run(input, output);
        else ((ISeparablePass)pass).Run(input, output);
        // Poisoned, padding included, so that an item nobody computed shows.
        output.Span.Fill(float.NaN);
        var job = new HeldBackJob(pass, held, releasing);
        team.Run(job, input, output);
        Assert.True(StaticPartition.Range(pass.CountItems(input, output), held, 2) is var (first, end) && end > first, "the held worker had items to lose");
        Assert.Equal(0, job.HeldWorkersItemsLeftAtRelease);
        return output;
    }

    /// <summary>Keeps <paramref name="heldWorker"/> from starting until <paramref name="releasingWorker"/> has finished its part.</summary>
    private sealed class HeldBackJob(IMapJob inner, int heldWorker, int releasingWorker) : IMapJob
    {
        private readonly ManualResetEventSlim _release = new(false);

        public IMapJob Inner => inner;

        /// <summary>Items of the held worker's range still untaken when it was let go (−1: not yet).</summary>
        public int HeldWorkersItemsLeftAtRelease { get; private set; } = -1;

        public int CountItems(FeatureMap input, FeatureMap output) => inner.CountItems(input, output);

        public void Execute(int worker, WorkItems items, FeatureMap input, FeatureMap output)
        {
            if (worker == heldWorker) _release.Wait();
            try
            {
                inner.Execute(worker, items, input, output);
            }
            finally
            {
                if (worker == releasingWorker)
                {
                    HeldWorkersItemsLeftAtRelease = items.Remaining(heldWorker);
                    _release.Set();
                }
            }
        }
    }

    /// <summary>Holds <paramref name="heldWorker"/> until at most half of its range is left (or a second has passed).</summary>
    private sealed class HalfStolenJob(IMapJob inner, int heldWorker) : IMapJob
    {
        public int CountItems(FeatureMap input, FeatureMap output) => inner.CountItems(input, output);

        public void Execute(int worker, WorkItems items, FeatureMap input, FeatureMap output)
        {
            if (worker == heldWorker)
            {
                int half = items.Remaining(worker) / 2;
                SpinWait.SpinUntil(() => items.Remaining(worker) <= half, TimeSpan.FromSeconds(1));
            }
            inner.Execute(worker, items, input, output);
        }
    }

    /// <summary>Records which worker took which item.</summary>
    private sealed class RecordingJob(int count) : IMapJob
    {
        public List<int>[] TakenBy { get; } = [[], []];

        public int CountItems(FeatureMap input, FeatureMap output) => count;

        public void Execute(int worker, WorkItems items, FeatureMap input, FeatureMap output)
        {
            while (items.TryTake(worker, out int item)) TakenBy[worker].Add(item);
        }
    }
}
