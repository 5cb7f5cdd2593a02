namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// Splits a count of independent items (rows, bands, runs of pixels) into contiguous, nearly equal ranges,
/// one per worker: the bench's roof measurements use them as fixed shares, and <see cref="WorkItems"/> as the
/// range each worker starts on before it steals. The split depends only on the counts, never on timing.
/// </summary>
internal static class StaticPartition
{
    /// <summary>Range <c>[Start, End)</c> of items for <paramref name="worker"/> of <paramref name="workers"/>.</summary>
    public static (int Start, int End) Range(int items, int worker, int workers)
    {
        // Worker w gets items [⌊w·items/n⌋, ⌊(w+1)·items/n⌋): sizes differ by at most one.
        int start = (int)((long)items * worker / workers);
        int end = (int)((long)items * (worker + 1) / workers);
        return (start, end);
    }
}
