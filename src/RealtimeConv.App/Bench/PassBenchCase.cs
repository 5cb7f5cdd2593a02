using System.Diagnostics;
using RealtimeConv.Kernels;
using RealtimeConv.Tensors;

namespace RealtimeConv.App.Bench;

/// <summary>
/// Our passes on feature maps: one pass, or two back to back through a preallocated intermediate map
/// (separable). Passes that time themselves (<see cref="ITimedPass"/>, e.g. GPU timestamps) are
/// asked for their timing; every other pass is timed with the wall clock around <c>Run</c>.
/// </summary>
internal sealed class PassBenchCase : IBenchCase
{
    private readonly IConvPass[] _passes;
    private readonly FeatureMap[] _maps;
    private readonly bool _selfTimed;

    /// <summary>Runs <paramref name="passes"/> in order; pass i reads <c>maps[i]</c> and writes <c>maps[i + 1]</c>.</summary>
    public PassBenchCase(string backend, BenchOp op, IConvPass[] passes, FeatureMap[] maps)
    {
        if (maps.Length != passes.Length + 1)
            throw new ArgumentException($"{backend} {op}: {passes.Length} passes need {passes.Length + 1} maps, got {maps.Length}", nameof(maps));
        for (int i = 0; i < passes.Length; i++) ConvPassExtensions.CheckShapes(passes[i].Layer, maps[i], maps[i + 1]);
        Backend = backend;
        Op = op;
        _passes = passes;
        _maps = maps;
        _selfTimed = passes.All(pass => pass is ITimedPass);
    }

    /// <inheritdoc />
    public string Backend { get; }

    /// <inheritdoc />
    public BenchOp Op { get; }

    /// <inheritdoc />
    public long? BytesMoved
    {
        get
        {
            long bytes = 0;
            for (int i = 0; i < _passes.Length; i++) bytes += Roofline.BytesOf(_maps[i]) + Roofline.BytesOf(_maps[i + 1]);
            return bytes;
        }
    }

    /// <inheritdoc />
    public PassTiming RunOnce()
    {
        if (_selfTimed)
        {
            // The sum of each pass's own measurement; two passes report one clock, or both names.
            double total = 0;
            string clock = "";
            for (int i = 0; i < _passes.Length; i++)
            {
                var timing = ((ITimedPass)_passes[i]).RunTimed(_maps[i], _maps[i + 1]);
                total += timing.Milliseconds;
                clock = clock.Length == 0 || clock == timing.Clock ? timing.Clock : clock + "+" + timing.Clock;
            }
            return new PassTiming(total, clock);
        }
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < _passes.Length; i++) _passes[i].Run(_maps[i], _maps[i + 1]);
        return new PassTiming(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "wall");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var pass in _passes) (pass as IDisposable)?.Dispose();
    }
}
