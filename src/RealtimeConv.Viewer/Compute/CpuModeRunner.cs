using RealtimeConv.Execution;
using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Kernels;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;
using RealtimeConv.Visualization;

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
    private float[] _ranges = [];
    private int _rangeFloats;

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
    public ReadOnlySpan<float> ShownRanges => _ranges.AsSpan(0, _rangeFloats);

    /// <inheritdoc />
    public void Run(FeatureMap input, bool inputChanged, int shownLayer)
    {
        _executor.Run(input);
        Show(_executor.LayerOutput(shownLayer), _shown, ref _staging, ref _ranges, out _rangeFloats);
    }

    /// <summary>
    /// Copies <paramref name="map"/> into <paramref name="display"/> (pack4) and measures its channel
    /// ranges, reusing the buffers passed in (grown when too small).
    /// </summary>
    internal static void Show(FeatureMap map, GpuFeatureMap display, ref float[] staging, ref float[] ranges, out int rangeFloats)
    {
        display.EnsureShape(map.Channels, map.Height, map.Width);
        if (staging.Length < display.Floats) staging = new float[display.Floats];
        var packed = staging.AsSpan(0, display.Floats);
        Pack4.FromFeatureMap(map, packed);
        display.Buffer.Upload(packed);
        rangeFloats = ChannelRangeTable.Floats(map.Channels);
        if (ranges.Length < rangeFloats) ranges = new float[rangeFloats];
        ChannelRangeTable.Measure(map, ranges.AsSpan(0, rangeFloats));
    }

    /// <inheritdoc />
    public PassTiming Timing(int layer) => _executor.Timings[layer];

    /// <inheritdoc />
    public FeatureMap ReadLayer(int layer)
    {
        var output = _executor.LayerOutput(layer);
        var copy = new FeatureMap(output.Channels, output.Height, output.Width, output.Layout);
        copy.CopyFrom(output);
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
