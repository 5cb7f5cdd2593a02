using System.Runtime.ExceptionServices;
using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// A fixed set of threads that run one job at a time: the caller runs share 0 and <c>Count − 1</c> dedicated
/// threads run the others. Unlike <c>Parallel.For</c> it allocates nothing per job. An
/// <see cref="IPartitionedJob"/> is split statically (share <c>w</c> always goes to worker <c>w</c>); an
/// <see cref="IMapJob"/>'s items are dealt out by <see cref="WorkItems"/>, each worker's own range first and
/// then whatever another worker has not reached.
/// </summary>
internal sealed class WorkerTeam : IDisposable
{
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _start;
    private readonly CountdownEvent _done;
    private readonly Lock _gate = new();
    private readonly WorkItems _items;
    private readonly BoundMapJob _bound;
    private IPartitionedJob? _job;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _disposed;

    /// <summary>Creates a team of <paramref name="count"/> workers (the caller counts as one).</summary>
    public WorkerTeam(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _items = new WorkItems(count);
        _bound = new BoundMapJob(_items);
        _threads = new Thread[count - 1];
        _start = new ManualResetEventSlim[count - 1];
        _done = new CountdownEvent(Math.Max(1, count - 1));
        for (int i = 0; i < _threads.Length; i++)
        {
            _start[i] = new ManualResetEventSlim(false);
            _threads[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"rtconv-cpu-{i + 1}" };
            _threads[i].Start(i + 1);
        }
    }

    /// <summary>Number of workers, the calling thread included.</summary>
    public int Count { get; }

    /// <summary>Runs every share of <paramref name="job"/> and returns when all are done; rethrows a worker's failure.</summary>
    public void Run(IPartitionedJob job)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Count == 1)
        {
            job.Execute(0, 1);
            return;
        }
        lock (_gate)
        {
            _job = job;
            _failure = null;
            _done.Reset(Count - 1);
            foreach (var start in _start) start.Set();
            try
            {
                job.Execute(0, Count);
            }
            finally
            {
                // Whatever share 0 did, the other shares still write into the caller's maps: wait for them.
                _done.Wait();
                _job = null;
            }
            _failure?.Throw();
        }
    }

    /// <summary>
    /// Runs <paramref name="job"/> over <paramref name="input"/> and <paramref name="output"/> on every worker
    /// and waits. Calls are serialised by the team, so a pass's per-worker scratch is never shared by two runs.
    /// </summary>
    public void Run(IMapJob job, FeatureMap input, FeatureMap output)
    {
        lock (_gate) // re-entered by Run(IPartitionedJob) below: System.Threading.Lock is recursive
        {
            // Dealt before the workers are woken: their start signal publishes the ranges to them.
            _items.Reset(job.CountItems(input, output));
            _bound.Bind(job, input, output);
            try
            {
                Run(_bound);
            }
            finally
            {
                _bound.Bind(null, null, null);
            }
        }
    }

    /// <summary>Adapts an <see cref="IMapJob"/> and its maps to the team's share protocol without allocating per run.</summary>
    private sealed class BoundMapJob(WorkItems items) : IPartitionedJob
    {
        private IMapJob? _job;
        private FeatureMap? _input;
        private FeatureMap? _output;

        public void Bind(IMapJob? job, FeatureMap? input, FeatureMap? output) => (_job, _input, _output) = (job, input, output);

        public void Execute(int worker, int workers) => _job!.Execute(worker, items, _input!, _output!);
    }

    /// <summary>Stops the threads. Idempotent.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            // Checked under the lock so that two racing Dispose calls cannot both release the events.
            if (_disposed) return;
            _disposed = true;
            foreach (var start in _start) start.Set();
        }
        foreach (var thread in _threads) thread.Join();
        foreach (var start in _start) start.Dispose();
        _done.Dispose();
    }

    private void WorkerLoop(object? state)
    {
        int worker = (int)state!;
        var start = _start[worker - 1];
        while (true)
        {
            start.Wait();
            // Safe to re-arm here: Run sets the event again only after this worker has signalled _done.
            start.Reset();
            if (_disposed) return;
            try
            {
                _job!.Execute(worker, Count);
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                _done.Signal();
            }
        }
    }
}
