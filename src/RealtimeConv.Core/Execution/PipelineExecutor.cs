using System.Diagnostics;
using RealtimeConv.Kernels;
using RealtimeConv.Layers;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;

namespace RealtimeConv.Execution;

/// <summary>
/// Runs a <see cref="ResolvedPipeline"/> frame after frame on one <see cref="IConvBackend"/>. It prepares
/// every pass once, owns the intermediate feature maps (reused across frames and reallocated only when
/// the input size changes) and records each layer's output and time.
/// </summary>
/// <remarks>
/// An input whose channel count differs from the pipeline's (an RGB image into a 32-channel synthetic
/// pipeline) is spread over the pipeline's input channels first: channel c reads input channel
/// c mod C. Timings come from the pass's own clock when it is an <see cref="ITimedPass"/>, otherwise
/// from the wall clock around <see cref="IConvPass.Run"/> (clock "wall").
/// </remarks>
public sealed class PipelineExecutor : IDisposable
{
    private readonly IConvPass[] _passes;
    private readonly FeatureMap?[] _outputs;
    private readonly PassTiming[] _timings;
    private FeatureMap? _adapted;
    private bool _disposed;

    /// <summary>Prepares every layer of <paramref name="chain"/> on <paramref name="backend"/>.</summary>
    public PipelineExecutor(ResolvedPipeline chain, IConvBackend backend)
    {
        Chain = chain;
        Backend = backend;
        var passes = new List<IConvPass>();
        try
        {
            foreach (var layer in chain.Layers) passes.Add(backend.Prepare(layer));
        }
        catch
        {
            // Whatever was prepared before the failure is ours to release.
            foreach (var pass in passes) (pass as IDisposable)?.Dispose();
            throw;
        }
        _passes = passes.ToArray();
        _outputs = new FeatureMap?[_passes.Length];
        _timings = new PassTiming[_passes.Length];
    }

    /// <summary>The chain this executor runs.</summary>
    public ResolvedPipeline Chain { get; }

    /// <summary>The backend the passes were prepared on.</summary>
    public IConvBackend Backend { get; }

    /// <summary>The prepared passes, one per layer of <see cref="Chain"/>.</summary>
    public IReadOnlyList<IConvPass> Passes => _passes;

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<ConvLayer> Layers => Chain.Layers;

    /// <summary>Per layer, the time of the last <see cref="Run"/> and the clock that measured it.</summary>
    public IReadOnlyList<PassTiming> Timings => _timings;

    /// <summary>The sum of <see cref="Timings"/> of the last run, in milliseconds.</summary>
    public double TotalMilliseconds
    {
        get
        {
            double total = 0;
            foreach (var timing in _timings) total += timing.Milliseconds;
            return total;
        }
    }

    /// <summary>
    /// Layer <paramref name="index"/>'s output of the last <see cref="Run"/>. The map belongs to the
    /// executor: it is overwritten by the next run and replaced when the input size changes.
    /// </summary>
    public FeatureMap LayerOutput(int index) =>
        _outputs[index] ?? throw new InvalidOperationException($"layer '{Layers[index].Name}' has not run yet");

    /// <summary>Runs every layer on <paramref name="input"/> and returns the last output (owned by the executor).</summary>
    public FeatureMap Run(FeatureMap input)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var current = AdaptChannels(input);
        EnsureOutputs(current.Height, current.Width);
        for (int i = 0; i < _passes.Length; i++)
        {
            var output = _outputs[i]!;
            if (_passes[i] is ITimedPass timed)
            {
                _timings[i] = timed.RunTimed(current, output);
            }
            else
            {
                long start = Stopwatch.GetTimestamp();
                _passes[i].Run(current, output);
                _timings[i] = new PassTiming(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "wall");
            }
            current = output;
        }
        return current;
    }

    /// <summary>Disposes the passes that hold resources. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var pass in _passes) (pass as IDisposable)?.Dispose();
    }

    private FeatureMap AdaptChannels(FeatureMap input)
    {
        int channels = Chain.InputChannels;
        if (input.Channels == channels) return input;
        if (_adapted is null || _adapted.Height != input.Height || _adapted.Width != input.Width)
            _adapted = new FeatureMap(channels, input.Height, input.Width);
        for (int c = 0; c < channels; c++)
        {
            int source = c % input.Channels;
            for (int y = 0; y < input.Height; y++)
                for (int x = 0; x < input.Width; x++) _adapted[c, y, x] = input[source, y, x];
        }
        return _adapted;
    }

    /// <summary>
    /// (Re)allocates the intermediate maps when the first one does not fit an input of this size. Checking
    /// the first is enough: every later size follows from it (an 8- and a 7-pixel input give the same
    /// 4-pixel output after stride 2, and so the same maps all the way down).
    /// </summary>
    private void EnsureOutputs(int height, int width)
    {
        var first = _passes.Length > 0 ? _outputs[0] : null;
        var layer0 = Layers[0];
        if (first is not null && first.Height == layer0.OutputSize(height) && first.Width == layer0.OutputSize(width)) return;
        int h = height, w = width;
        for (int i = 0; i < _passes.Length; i++)
        {
            var layer = Layers[i];
            h = layer.OutputSize(h);
            w = layer.OutputSize(w);
            _outputs[i] = new FeatureMap(layer.OutChannels, h, w);
        }
    }
}
