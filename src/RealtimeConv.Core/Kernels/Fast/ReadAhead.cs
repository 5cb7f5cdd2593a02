using System.Runtime.CompilerServices;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// Memory that the next piece of a worker's work will read, asked for in slices while the current piece computes.
/// </summary>
/// <remarks>
/// A depthwise band reads two input rows per channel block that no earlier band brought into the cache, and
/// the sweep over a block's rows is short (8–16 KiB of new input), so the hardware prefetcher barely starts
/// on each stream before it ends: measured on (32, 32, 256², 3), the depthwise part of the fused pass spent
/// 0.68 ms per run (per worker) where the same work on cached rows took 0.46. Asking for the next block's new
/// rows a few lines per group of the current sweep keeps about one block's worth of reads in flight ahead of use:
/// 0.55 ms, and the depthwise sweeps alone (no pointwise between them) came within a few percent of their
/// cached time. A whole block's rows asked for at once
/// did worse than none (the requests crowd out the sweep's own), and so did asking across the pointwise part.
/// Only a hint: a wrong guess (a worker that steals its next item elsewhere) costs a few wasted requests.
/// </remarks>
internal readonly unsafe struct ReadAhead
{
    private const int LineBytes = 64;

    private readonly byte* _start;
    private readonly int _bytes;

    /// <param name="start">First byte to fetch.</param>
    /// <param name="bytes">Bytes from <paramref name="start"/> on.</param>
    public ReadAhead(void* start, int bytes)
    {
        _start = (byte*)start;
        _bytes = Math.Max(0, bytes);
    }

    /// <summary>Nothing to fetch.</summary>
    public static ReadAhead None => default;

    /// <summary>First byte to fetch.</summary>
    public byte* Start => _start;

    /// <summary>Bytes to fetch from <see cref="Start"/> on (0: nothing).</summary>
    public int Bytes => _bytes;

    /// <summary>The region cut into <paramref name="steps"/> slices of whole lines, one for each step of a sweep.</summary>
    public Slices Spread(int steps)
    {
        if (_bytes == 0) return default;
        // From the line the region starts in, so that a region not starting on a line still gets its last line.
        byte* first = (byte*)((nuint)_start & ~(nuint)(LineBytes - 1)), end = _start + _bytes;
        int lines = (int)((end - first + LineBytes - 1) / LineBytes);
        int perStep = steps <= 0 ? lines : (lines + steps - 1) / steps;
        return new Slices(first, end, perStep * LineBytes);
    }

    /// <summary>A <see cref="ReadAhead"/> being fetched a slice per <see cref="Next{T}"/>.</summary>
    public struct Slices(byte* next, byte* end, int step)
    {
        /// <summary>Asks for the next slice (nothing once the region is done).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Next<T>() where T : struct, IVectorMath
        {
            if (next >= end) return;
            byte* stop = next + step < end ? next + step : end;
            for (; next < stop; next += LineBytes) T.Prefetch(next);
        }
    }
}
