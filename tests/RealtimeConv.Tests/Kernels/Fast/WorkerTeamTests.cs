using RealtimeConv.Kernels.Fast;

namespace RealtimeConv.Tests.Kernels.Fast;

/// <summary>The thread team and the static split the fast kernels rely on for determinism.</summary>
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

    private sealed class FailingJob(int failingWorker) : IPartitionedJob
    {
        public void Execute(int worker, int workers)
        {
            if (worker == failingWorker) throw new InvalidOperationException($"share {worker} failed on purpose");
        }
    }
}
