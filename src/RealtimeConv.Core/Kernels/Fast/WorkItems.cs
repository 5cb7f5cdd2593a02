namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// The items of one team run, each taken exactly once. Every worker starts on its own static range
/// (<see cref="StaticPartition"/>) and takes it from the front, in order; once that is empty it takes the
/// other workers' items from the back of their ranges. So a worker that wakes late or runs on a busy core
/// (a KVM guest's vCPU shares its physical core with other tenants) holds up the run by at most the item it is
/// computing, not by the rest of its share. An item is still computed whole by one worker, in the same order of
/// operations whoever takes it, so results stay identical whatever the thread count and whoever steals. (With
/// fewer items than workers the caller's own range is empty and it takes the items at once, before the woken
/// workers arrive.)
/// </summary>
/// <remarks>
/// A worker's remaining range is one 64-bit word, <c>end &lt;&lt; 32 | next</c>, changed only by compare-and-swap:
/// the owner moves <c>next</c> up, a thief moves <c>end</c> down, and whichever swap lands first gets the item
/// they both saw. Ranges only shrink after <see cref="Reset"/>, so an empty one stays empty. Each word sits on its
/// own cache line, so owners taking items do not invalidate one another's.
/// </remarks>
internal sealed class WorkItems
{
    /// <summary>Longs per slot: one 64-byte cache line each.</summary>
    private const int SlotStride = 8;

    private readonly long[] _slots;

    /// <param name="workers">Number of workers that will take items, the caller included.</param>
    public WorkItems(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Workers = workers;
        // One spare line before the first slot keeps it off the array header's line.
        _slots = new long[(workers + 1) * SlotStride];
    }

    /// <summary>Number of workers.</summary>
    public int Workers { get; }

    /// <summary>
    /// Starts a run of <paramref name="count"/> items, 0 .. count − 1: worker w's own range is
    /// <see cref="StaticPartition.Range"/>. Call before any worker takes an item, and publish to them
    /// with a release (the team's start signal).
    /// </summary>
    public void Reset(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (int w = 0; w < Workers; w++)
        {
            var (start, end) = StaticPartition.Range(count, w, Workers);
            _slots[Slot(w)] = Pack(start, end);
        }
    }

    /// <summary>
    /// Takes the next item for <paramref name="worker"/>: the front of its own range, else the back of another
    /// worker's. False when every item of the run is taken (then it stays false until <see cref="Reset"/>).
    /// </summary>
    public bool TryTake(int worker, out int item)
    {
        if (TryTake(Slot(worker), fromBack: false, out item)) return true;
        for (int i = 1; i < Workers; i++)
            if (TryTake(Slot((worker + i) % Workers), fromBack: true, out item)) return true;
        return false;
    }

    /// <summary>Items of <paramref name="worker"/>'s range not yet taken (a snapshot, for tests and diagnostics).</summary>
    public int Remaining(int worker)
    {
        var (next, end) = Unpack(Volatile.Read(ref _slots[Slot(worker)]));
        return Math.Max(0, end - next);
    }

    /// <summary>Takes the first item of a slot's range (its owner) or the last (a thief).</summary>
    private bool TryTake(int slot, bool fromBack, out int item)
    {
        while (true)
        {
            long seen = Volatile.Read(ref _slots[slot]);
            var (next, end) = Unpack(seen);
            if (next >= end)
            {
                item = -1;
                return false;
            }
            long rest = fromBack ? Pack(next, end - 1) : Pack(next + 1, end);
            if (Interlocked.CompareExchange(ref _slots[slot], rest, seen) == seen)
            {
                item = fromBack ? end - 1 : next;
                return true;
            }
        }
    }

    private static int Slot(int worker) => (worker + 1) * SlotStride;

    private static long Pack(int next, int end) => (long)end << 32 | (uint)next;

    private static (int Next, int End) Unpack(long word) => ((int)word, (int)(word >> 32));
}
