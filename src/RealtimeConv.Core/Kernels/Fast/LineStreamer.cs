using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// Moves a finished run of output floats from a worker's cached staging rows to its place in a large
/// output with non-temporal stores, whole 64-byte lines at a time.
/// </summary>
/// <remarks>
/// A non-temporal store only pays when the write-combining buffer it fills is flushed as a whole line: a
/// line flushed half-written costs the memory controller a read-modify-write, which is how streaming the
/// depthwise kernels' stores directly (edge pixels one vector at a time, 6-pixel groups starting on odd
/// pixels, the two rows of a pair interleaved) measured twice as slow as plain stores. Copying the run out
/// in order, a line per two stores, is the shape the hardware wants; the staging rows stay in L1/L2, so
/// the extra read costs little next to the DRAM write it replaces. A part line at either end (a run not
/// starting or ending on a line) is stored normally.
/// </remarks>
internal static unsafe class LineStreamer
{
    private const int LineFloats = 16;

    /// <summary>Copies <paramref name="floats"/> (a multiple of 8) from <paramref name="source"/> to the 32-byte aligned <paramref name="destination"/>.</summary>
    public static void Copy<T>(float* source, float* destination, int floats) where T : struct, IVectorMath
    {
        // Both hold for every caller: maps start on a line and rows are W·8 floats.
        Debug.Assert(((nuint)destination & 31) == 0, "a non-temporal store needs a 32-byte aligned destination");
        Debug.Assert(floats % 8 == 0, "runs are whole pixels of 8 floats");
        int i = 0;
        if (((nuint)destination & (LineFloats * sizeof(float) - 1)) != 0 && floats >= 8)
        {
            Vector256.Load(source).Store(destination);
            i = 8;
        }
        for (; i + LineFloats <= floats; i += LineFloats)
        {
            T.StoreStreaming(Vector256.Load(source + i), destination + i);
            T.StoreStreaming(Vector256.Load(source + i + 8), destination + i + 8);
        }
        for (; i < floats; i += 8) Vector256.Load(source + i).Store(destination + i);
    }
}
