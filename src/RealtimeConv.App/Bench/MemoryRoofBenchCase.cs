using System.Diagnostics;
using System.Runtime.Intrinsics;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Tensors;

namespace RealtimeConv.App.Bench;

/// <summary>
/// Not a convolution: a plain copy of the shape's input map into a map of the same size, split over the
/// logical cores by the same kind of thread team the kernels use and timed interleaved with the shape's
/// convolutions, so it meets the same caches, the same dispatch cost and the same other load. Every op
/// here must at least read its input and write its output, so the bytes a copy moves per second are the
/// memory roof of the bench's roofline (<see cref="Roofline"/>). The copy uses plain 32-byte loads and
/// stores, as the kernels do: the runtime's <c>Span.CopyTo</c> streams large blocks past the caches, which
/// on a warm run measured slower than a kernel whose output stays in the L3.
/// </summary>
internal sealed unsafe class MemoryRoofBenchCase : IBenchCase, IPartitionedJob
{
    /// <summary>
    /// A run copies the map as many times as it takes to move at least this much: on a small map one copy
    /// is microseconds, and the team's wake-up would be most of what the stopwatch sees.
    /// </summary>
    public const long MinBytesPerRun = 16L << 20;

    private readonly FeatureMap _source;
    private readonly FeatureMap _target;
    private readonly WorkerTeam _team = new(Environment.ProcessorCount);
    private readonly int _repeats;

    /// <summary>Copies the pixels of <paramref name="source"/> into <paramref name="target"/> (same shape) on every run.</summary>
    public MemoryRoofBenchCase(FeatureMap source, FeatureMap target)
    {
        if (source.Layout != ChannelLayout.Blocked || target.Layout != ChannelLayout.Blocked)
            throw new ArgumentException("the memory roof copies blocked maps (one vector a pixel)", nameof(source));
        if (source.Channels != target.Channels || source.Height != target.Height || source.Width != target.Width)
            throw new ArgumentException($"copy needs maps of one shape: {source.ShapeText} vs {target.ShapeText}", nameof(target));
        _source = source;
        _target = target;
        long bytesPerCopy = 2L * BlockFloats * source.Blocks * sizeof(float);
        _repeats = (int)Math.Max(1, (MinBytesPerRun + bytesPerCopy - 1) / bytesPerCopy);
        BytesPerRun = _repeats * bytesPerCopy;
    }

    /// <summary>Bytes one run moves: every block's pixels (not its stride padding) read once and written once, per repeat.</summary>
    public long BytesPerRun { get; }

    /// <inheritdoc />
    public long? BytesMoved => BytesPerRun;

    /// <inheritdoc />
    public string Backend => Roofline.BackendName;

    /// <inheritdoc />
    public BenchOp Op => BenchOp.MemoryRoof;

    /// <summary>Floats of one block's pixels: H·W·8, a whole number of 64-byte lines only when H·W is even.</summary>
    private int BlockFloats => _source.Height * _source.Width * FeatureMap.BlockSize;

    /// <inheritdoc />
    public PassTiming RunOnce()
    {
        long start = Stopwatch.GetTimestamp();
        _team.Run(this);
        return new PassTiming(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "wall");
    }

    /// <summary>Share <paramref name="worker"/>: the same pixel range of every block, each repeat.</summary>
    public void Execute(int worker, int workers)
    {
        // Pixels split in pairs so that two workers never write one 64-byte line (two pixels of a block).
        int pairs = (_source.Height * _source.Width + 1) / 2;
        var (first, last) = StaticPartition.Range(pairs, worker, workers);
        int from = first * 2 * FeatureMap.BlockSize, to = Math.Min(BlockFloats, last * 2 * FeatureMap.BlockSize);
        for (int repeat = 0; repeat < _repeats; repeat++)
            for (int block = 0; block < _source.Blocks; block++)
            {
                float* source = _source.Pointer + block * _source.BlockStride, target = _target.Pointer + block * _target.BlockStride;
                for (int i = from; i < to; i += FeatureMap.BlockSize) Vector256.Load(source + i).Store(target + i);
            }
    }

    /// <inheritdoc />
    public void Dispose() => _team.Dispose();
}
