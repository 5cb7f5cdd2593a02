using System.Diagnostics;
using RealtimeConv.Kernels;
using RealtimeConv.Tensors;

namespace RealtimeConv.App.Bench;

/// <summary>A fused depthwise + pointwise pass (<see cref="ISeparablePass"/>) on the bench's maps, timed with its own clock when it has one (GPU), else the wall clock.</summary>
internal sealed class FusedBenchCase : IBenchCase
{
    private readonly ISeparablePass _pass;
    private readonly FeatureMap _input;
    private readonly FeatureMap _output;

    /// <summary>Runs <paramref name="pass"/> from <paramref name="input"/> into <paramref name="output"/>.</summary>
    public FusedBenchCase(string backend, ISeparablePass pass, FeatureMap input, FeatureMap output)
    {
        Backend = backend;
        _pass = pass;
        _input = input;
        _output = output;
    }

    /// <inheritdoc />
    public string Backend { get; }

    /// <inheritdoc />
    public BenchOp Op => BenchOp.Fused;

    /// <inheritdoc />
    public long? BytesMoved => Roofline.BytesOf(_input) + Roofline.BytesOf(_output);

    /// <inheritdoc />
    public PassTiming RunOnce()
    {
        // A GPU pass times itself (GL timestamps or fences); the wall clock would include uploads and read-back.
        if (_pass is ITimedPass timed) return timed.RunTimed(_input, _output);
        long start = Stopwatch.GetTimestamp();
        _pass.Run(_input, _output);
        return new PassTiming(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "wall");
    }

    /// <inheritdoc />
    public void Dispose() => (_pass as IDisposable)?.Dispose();
}
