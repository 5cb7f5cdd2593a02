using RealtimeConv.Execution;
using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Kernels;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;

namespace RealtimeConv.Viewer.Compute;

/// <summary>
/// A mode on the CPU kernels: a <see cref="PipelineExecutor"/> on the shared CPU backend; only the shown
/// layer's output is copied into a GPU buffer (pack4), because that is all the display needs.
/// </summary>
internal sealed class CpuModeRunner : IModeRunner
{
    private readonly PipelineExecutor _executor;
    private readonly GpuFeatureMap _shown;
    private float[] _staging = [];

    /// <summary>Prepares <paramref name="chain"/> on <paramref name="cpu"/> (not owned); the display buffer lives on <paramref name="device"/>.</summary>
    public CpuModeRunner(GpuDevice device, IConvBackend cpu, ResolvedPipeline chain)
    {
        Chain = chain;
        _executor = new PipelineExecutor(chain, cpu);
        _shown = new GpuFeatureMap(device, chain.Mode.ToString().ToLowerInvariant() + ".shown");
    }

    /// <inheritdoc />
    public ResolvedPipeline Chain { get; }

    /// <inheritdoc />
    public ComputeBackendKind Backend => ComputeBackendKind.Cpu;

    /// <inheritdoc />
    public GpuFeatureMap Shown => _shown;

    /// <inheritdoc />
    public void Run(FeatureMap input, bool inputChanged, int shownLayer)
    {
        _executor.Run(input);
        var output = _executor.LayerOutput(shownLayer);
        _shown.EnsureShape(output.Channels, output.Height, output.Width);
        if (_staging.Length < _shown.Floats) _staging = new float[_shown.Floats];
        var staging = _staging.AsSpan(0, _shown.Floats);
        Pack4.FromFeatureMap(output, staging);
        _shown.Buffer.Upload(staging);
    }

    /// <inheritdoc />
    public PassTiming Timing(int layer) => _executor.Timings[layer];

    /// <inheritdoc />
    public FeatureMap ReadLayer(int layer)
    {
        var output = _executor.LayerOutput(layer);
        var copy = new FeatureMap(output.Channels, output.Height, output.Width);
        output.Span.CopyTo(copy.Span);
        return copy;
    }

    /// <inheritdoc />
    public FeatureMap? CpuOutput(int layer) => _executor.LayerOutput(layer);

    /// <inheritdoc />
    public void Dispose()
    {
        _executor.Dispose();
        _shown.Dispose();
    }
}
