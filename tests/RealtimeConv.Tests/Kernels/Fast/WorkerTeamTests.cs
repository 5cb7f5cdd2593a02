using RealtimeConv.Tensors;
using RealtimeConv.Kernels.Fast;

namespace RealtimeConv.Tests.Kernels.Fast;

/// <summary>The thread team and the static split it starts each worker on (stealing: <see cref="WorkItemsTests"/>).</summary>
public sealed class WorkerTeamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void EveryShareRunsExactlyOncePerJob(int workers)
    {
        using var team = new WorkerTeam(workers);
        var job = new CountingJob(workers);
        for (int round = 1; round <= 50; round++)
        {
            team.Run(job);
            Assert.All(job.Counts, count => Assert.Equal(round, count));
        }
    }

    [Fact]
    public void AWorkersFailureReachesTheCallerAndTheTeamStaysUsable()
    {
        using var team = new WorkerTeam(3);
        var failing = new FailingJob(failingWorker: 2);
        var error = Assert.Throws<InvalidOperationException>(() => team.Run(failing));
        Assert.Contains("share 2", error.Message);
        var counting = new CountingJob(3);
        team.Run(counting);
        Assert.Equal([1, 1, 1], counting.Counts);
    }

    [Fact]
    public void AWorkerFailingMidRunLeavesItsItemsToTheOthersAndReachesTheCaller()
    {
        using var team = new WorkerTeam(3);
        var job = new FailingMapJob(count: 60, failingWorker: 1);
        var map = new FeatureMap(1, 1, 1);
        var error = Assert.Throws<InvalidOperationException>(() => team.Run(job, map, map));
        Assert.Contains("worker 1", error.Message);
        // The failing worker's item is lost with it; every other item was computed exactly once, by the others.
        Assert.Equal(59, job.Completed.Count);
        Assert.Equal(59, job.Completed.Distinct().Count());
        Assert.DoesNotContain(job.FailedItem, job.Completed);
        var again = new FailingMapJob(count: 10, failingWorker: -1);
        team.Run(again, map, map);
        Assert.Equal(Enumerable.Range(0, 10), again.Completed.Order());
    }

    [Fact]
    public void ADisposedTeamRefusesWork()
    {
        var team = new WorkerTeam(2);
        team.Dispose();
        team.Dispose(); // idempotent
        Assert.Throws<ObjectDisposedException>(() => team.Run(new CountingJob(2)));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(2, 3)]
    [InlineData(7, 2)]
    [InlineData(100, 7)]
    public void PartitionCoversTheItemsOnceInOrderWithSizesWithinOne(int items, int workers)
    {
        int next = 0, smallest = int.MaxValue, largest = 0;
        for (int w = 0; w < workers; w++)
        {
            var (start, end) = StaticPartition.Range(items, w, workers);
            Assert.Equal(next, start);
            next = end;
            smallest = Math.Min(smallest, end - start);
            largest = Math.Max(largest, end - start);
        }
        Assert.Equal(items, next);
        Assert.True(largest - smallest <= 1);
    }

    private sealed class CountingJob(int workers) : IPartitionedJob
    {
        public int[] Counts { get; } = new int[workers];

        public void Execute(int worker, int workerCount)
        {
            Assert.Equal(Counts.Length, workerCount);
            Interlocked.Increment(ref Counts[worker]);
        }
    }

    /// <summary>
    /// Worker <paramref name="failingWorker"/> throws on the first item it takes; the others start only after that
    /// (so the failure cannot be missed) and complete everything else.
    /// </summary>
    private sealed class FailingMapJob(int count, int failingWorker) : IMapJob
    {
        private readonly Lock _gate = new();
        private readonly ManualResetEventSlim _failed = new(failingWorker < 0);

        public List<int> Completed { get; } = [];

        public int FailedItem { get; private set; } = -1;

        public int CountItems(FeatureMap input, FeatureMap output) => count;

        public void Execute(int worker, WorkItems items, FeatureMap input, FeatureMap output)
        {
            if (worker != failingWorker) _failed.Wait();
            while (items.TryTake(worker, out int item))
            {
                if (worker == failingWorker)
                {
                    FailedItem = item;
                    _failed.Set();
                    throw new InvalidOperationException($"worker {worker} failed on purpose at item {item}");
                }
                lock (_gate) Completed.Add(item);
            }
        }
    }

    private sealed class FailingJob(int failingWorker) : IPartitionedJob
    {
        public void Execute(int worker, int workers)
        {
            if (worker == failingWorker) throw new InvalidOperationException($"share {worker} failed on purpose");
        }
    }
}
