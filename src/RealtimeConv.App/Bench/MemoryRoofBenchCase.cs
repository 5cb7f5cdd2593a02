using System.Diagnostics;
using System.Runtime.Intrinsics;
using RealtimeConv.Kernels;
using RealtimeConv.Tensors;

namespace RealtimeConv.App.Bench;

/// <summary>
/// Not a convolution: a plain copy of the shape's input map into a map of the same size, split over the
/// logical cores and timed interleaved with the shape's convolutions, so it meets the same caches and the
/// same other load. Every op here must at least read its input and write its output, so the bytes a copy
/// moves per second are the memory roof of the bench's roofline (<see cref="Roofline"/>). The copy uses
/// plain 32-byte loads and stores, as the kernels do: the runtime's <c>Span.CopyTo</c> streams large blocks
/// past the caches, which on a warm run measured slower than a kernel whose output stays in the L3.
/// </summary>
internal sealed unsafe class MemoryRoofBenchCase : IBenchCase
{
    private readonly FeatureMap _source;
    private readonly FeatureMap _target;
    private readonly ParallelOptions _options = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> (same length) on every run.</summary>
    public MemoryRoofBenchCase(FeatureMap source, FeatureMap target)
    {
        if (source.Length != target.Length)
            throw new ArgumentException($"copy needs maps of one size: {source.ShapeText} vs {target.ShapeText}", nameof(target));
        _source = source;
        _target = target;
    }

    /// <summary>Bytes one run moves: the map read once and written once.</summary>
    public long BytesMoved => 2L * _source.Length * sizeof(float);

    /// <inheritdoc />
    public string Backend => Roofline.BackendName;

    /// <inheritdoc />
    public BenchOp Op => BenchOp.MemoryRoof;

    /// <inheritdoc />
    public PassTiming RunOnce()
    {
        int parts = _options.MaxDegreeOfParallelism;
        long start = Stopwatch.GetTimestamp();
        Parallel.For(0, parts, _options, part =>
        {
            // Whole 64-byte lines per part, so two parts never write one line.
            int length = _source.Length, lines = (length + 15) / 16;
            int from = Math.Min(length, (int)((long)lines * part / parts) * 16);
            int to = Math.Min(length, (int)((long)lines * (part + 1) / parts) * 16);
            Copy(_source.Pointer + from, _target.Pointer + from, to - from);
        });
        return new PassTiming(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "wall");
    }

    /// <summary>Copies <paramref name="floats"/> (a multiple of 16; maps are whole lines) two vectors at a time.</summary>
    private static void Copy(float* source, float* target, int floats)
    {
        for (int i = 0; i + 16 <= floats; i += 16)
        {
            Vector256.Load(source + i).Store(target + i);
            Vector256.Load(source + i + 8).Store(target + i + 8);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
