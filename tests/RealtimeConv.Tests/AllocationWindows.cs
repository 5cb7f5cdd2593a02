namespace RealtimeConv.Tests;

/// <summary>
/// What a piece of code allocates on the calling thread, measured so that the runtime's own one-off work
/// cannot fail a test: tiering the JIT up (call counting, on-stack replacement) and lazy objects such as a
/// wait event's lock are charged to whichever thread triggers them, about 8 KB at a time, at moments that
/// depend on timing and on the tests running beside. Such work lands in one window of runs; an allocation
/// made by every run lands in every window.
/// </summary>
internal static class AllocationWindows
{
    /// <summary>The fewest bytes allocated on this thread by <paramref name="runs"/> calls of <paramref name="run"/>, over <paramref name="windows"/> windows.</summary>
    public static long Quietest(int runs, Action run, int windows = 5)
    {
        long quietest = long.MaxValue;
        for (int window = 0; window < windows; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < runs; i++) run();
            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return quietest;
    }
}
