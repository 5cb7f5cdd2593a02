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
/// c mod C. Intermediate maps are allocated in the layout the backend prefers for their channel count
/// (<see cref="IConvBackend.PreferredLayout"/>); the input may be in either layout. Timings come from the pass's own clock when it is an <see cref="ITimedPass"/>, otherwise
/// from the wall clock around <see cref="IConvPass.Run"/> (clock "wall").
/// <para>
/// On a backend with <see cref="ISeparableFusion"/>, a separable block's depthwise and pointwise layers may
/// run as one fused pass (see <see cref="FusionPolicy"/>); the depthwise layer's output then does not exist,
/// its timing is 0 ms on clock "fused" and the pointwise layer's timing covers both. Callers that read every
/// layer's output ask for <see cref="FusionPolicy.Never"/>.
/// </para>
/// </remarks>
public sealed class PipelineExecutor : IDisposable
{
    /// <summary>Timed runs of each variant when <see cref="FusionPolicy.WhenFaster"/> decides (after one untimed run each).</summary>
    private const int DecisionRuns = 3;

    private readonly IConvPass[] _passes;
    private readonly FeatureMap?[] _outputs;
    private readonly PassTiming[] _timings;
    private readonly ISeparablePass?[] _fusable;
    private readonly bool?[] _fuse;
    private (int Height, int Width) _sizedFor;
    private FeatureMap? _adapted;
    private bool _disposed;

    /// <summary>Prepares every layer of <paramref name="chain"/> on <paramref name="backend"/>.</summary>
    /// <param name="chain">The layers to run.</param>
    /// <param name="backend">The backend that prepares and runs them.</param>
    /// <param name="fusion">Whether separable blocks may run fused; <see cref="FusionPolicy.Never"/> keeps every layer's output.</param>
    public PipelineExecutor(ResolvedPipeline chain, IConvBackend backend, FusionPolicy fusion = FusionPolicy.WhenFaster)
    {
        Chain = chain;
        Backend = backend;
        Fusion = fusion;
        var passes = new List<IConvPass>();
        int count = chain.Layers.Count;
        _fusable = new ISeparablePass?[count];
        try
        {
            foreach (var layer in chain.Layers) passes.Add(backend.Prepare(layer));
            if (fusion != FusionPolicy.Never && backend is ISeparableFusion fusing)
            {
                // Only the two layers of one separable block fuse: depthwise then pointwise, adjacent in the chain.
                int first = 0;
                foreach (var block in chain.Blocks)
                {
                    if (block.Layers.Count == 2 && block.Layers[0].Kind == ConvKind.Depthwise && block.Layers[1].Kind == ConvKind.Pointwise)
                        _fusable[first] = fusing.PrepareSeparable(block.Layers[0], block.Layers[1]);
                    first += block.Layers.Count;
                }
            }
        }
        catch
        {
            // Whatever was prepared before the failure is ours to release.
            foreach (var pass in passes) (pass as IDisposable)?.Dispose();
            foreach (var pass in _fusable) (pass as IDisposable)?.Dispose();
            throw;
        }
        _passes = passes.ToArray();
        _outputs = new FeatureMap?[_passes.Length];
        _timings = new PassTiming[_passes.Length];
        _fuse = new bool?[_passes.Length];
    }

    /// <summary>Whether separable blocks may run fused.</summary>
    public FusionPolicy Fusion { get; }

    /// <summary>
    /// Whether layer <paramref name="index"/> (a depthwise layer) ran fused with the next one in the last
    /// <see cref="Run"/>: its output was never materialised.
    /// </summary>
    public bool IsFused(int index) => _fuse[index] == true;

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
        IsFused(index)
            ? throw new InvalidOperationException($"layer '{Layers[index].Name}' ran fused with '{Layers[index + 1].Name}', so its output was never stored; create the executor with FusionPolicy.Never to keep it")
            : _outputs[index] ?? throw new InvalidOperationException($"layer '{Layers[index].Name}' has not run yet");

    /// <summary>Runs every layer on <paramref name="input"/> and returns the last output (owned by the executor).</summary>
    public FeatureMap Run(FeatureMap input)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var current = AdaptChannels(input);
        EnsureOutputs(current.Height, current.Width);
        for (int i = 0; i < _passes.Length; i++)
        {
            if (_fusable[i] is { } fused)
            {
                var output = _outputs[i + 1]!;
                if (_fuse[i] is null) Decide(i, fused, current);
                if (_fuse[i] == true)
                {
                    long start = Stopwatch.GetTimestamp();
                    fused.Run(current, output);
                    _timings[i] = new PassTiming(0, "fused");
                    _timings[i + 1] = new PassTiming(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "wall");
                    current = output;
                    i++;
                    continue;
                }
            }
            current = RunLayer(i, current);
        }
        return current;
    }

    private FeatureMap RunLayer(int i, FeatureMap input)
    {
        var output = _outputs[i]!;
        if (_passes[i] is ITimedPass timed)
        {
            _timings[i] = timed.RunTimed(input, output);
        }
        else
        {
            long start = Stopwatch.GetTimestamp();
            _passes[i].Run(input, output);
            _timings[i] = new PassTiming(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "wall");
        }
        return output;
    }

    /// <summary>
    /// Chooses between the fused pass and the two passes of layers i, i + 1 for this input size. Always needs
    /// no timing; WhenFaster runs each variant once untimed (first-call costs), then <see cref="DecisionRuns"/>
    /// times interleaved, and fuses only when the fused minimum is smaller (the minimum is the run least
    /// disturbed by other load). Both variants write the same bits, so the decision changes speed only.
    /// The depthwise map is released when fused wins.
    /// </summary>
    private void Decide(int i, ISeparablePass fused, FeatureMap input)
    {
        if (Fusion == FusionPolicy.Always)
        {
            _fuse[i] = true;
        }
        else
        {
            var output = _outputs[i + 1]!;
            double fusedMs = double.PositiveInfinity, unfusedMs = double.PositiveInfinity;
            for (int run = 0; run <= DecisionRuns; run++)
            {
                long start = Stopwatch.GetTimestamp();
                _passes[i].Run(input, _outputs[i]!);
                _passes[i + 1].Run(_outputs[i]!, output);
                double unfused = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                start = Stopwatch.GetTimestamp();
                fused.Run(input, output);
                double fusedRun = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (run == 0) continue;
                unfusedMs = Math.Min(unfusedMs, unfused);
                fusedMs = Math.Min(fusedMs, fusedRun);
            }
            _fuse[i] = fusedMs < unfusedMs;
        }
        if (_fuse[i] == true) _outputs[i] = null;
    }

    /// <summary>Disposes the passes that hold resources. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var pass in _passes) (pass as IDisposable)?.Dispose();
        foreach (var pass in _fusable) (pass as IDisposable)?.Dispose();
    }

    private FeatureMap AdaptChannels(FeatureMap input)
    {
        int channels = Chain.InputChannels;
        if (input.Channels == channels) return input;
        if (_adapted is null || _adapted.Height != input.Height || _adapted.Width != input.Width)
            _adapted = new FeatureMap(channels, input.Height, input.Width, Backend.PreferredLayout(channels));
        for (int c = 0; c < channels; c++)
        {
            int source = c % input.Channels;
            for (int y = 0; y < input.Height; y++)
                for (int x = 0; x < input.Width; x++) _adapted[c, y, x] = input[source, y, x];
        }
        return _adapted;
    }

    /// <summary>
    /// (Re)allocates the intermediate maps when the input size changes, and forgets the fusion decisions,
    /// which hold for one size.
    /// </summary>
    private void EnsureOutputs(int height, int width)
    {
        if (_sizedFor == (height, width)) return;
        _sizedFor = (height, width);
        Array.Fill(_fuse, null);
        int h = height, w = width;
        for (int i = 0; i < _passes.Length; i++)
        {
            var layer = Layers[i];
            h = layer.OutputSize(h);
            w = layer.OutputSize(w);
            _outputs[i] = new FeatureMap(layer.OutChannels, h, w, Backend.PreferredLayout(layer.OutChannels));
        }
    }
}
