using System.Diagnostics;
using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Kernels;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;
using RealtimeConv.Viewer.Display;

namespace RealtimeConv.Viewer.Compute;

/// <summary>
/// The compute node of the frame graph: the current pipeline in both modes on one backend, run every
/// frame, with the shown block's outputs left on the GPU for the display, the max difference between
/// the modes, and the std − sep difference map when asked for.
/// </summary>
/// <remarks>
/// A GPU configuration whose shaders do not compile does not stop the viewer: the stage computes on the
/// CPU instead and says why in <see cref="Problem"/>, until the next <see cref="Configure"/> (R reloads
/// the shaders and reconfigures).
/// </remarks>
internal sealed class ComputeStage : IDisposable
{
    private readonly GpuDevice _device;
    private readonly ShaderLibrary _shaders;
    private readonly IConvBackend _cpu;
    private readonly DifferencePass _difference;
    private readonly GpuFeatureMap _differenceMap;
    private IModeRunner? _standard;
    private IModeRunner? _separable;
    private bool _ranStandard, _ranSeparable;
    private FeatureMap? _cpuDifference;
    private float[] _differenceStaging = [], _differenceRanges = [];
    private int _differenceRangeFloats;
    private (FeatureMap?, int, IModeRunner?, IModeRunner?) _comparedKey;

    /// <summary>Uses <paramref name="cpu"/> (not owned) for the CPU backend and the window's <paramref name="device"/> for the rest.</summary>
    public ComputeStage(GpuDevice device, ShaderLibrary shaders, IConvBackend cpu, DifferencePass difference)
    {
        _device = device;
        _shaders = shaders;
        _cpu = cpu;
        _difference = difference;
        _differenceMap = new GpuFeatureMap(device, "difference");
    }

    /// <summary>The backend actually computing (the CPU when GPU shaders failed).</summary>
    public ComputeBackendKind Backend { get; private set; }

    /// <summary>Why the stage is not computing where it was asked to, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The standard chain's runner (after <see cref="Configure"/>).</summary>
    public IModeRunner Standard => _standard ?? throw new InvalidOperationException("compute stage not configured");

    /// <summary>The separable chain's runner (after <see cref="Configure"/>).</summary>
    public IModeRunner Separable => _separable ?? throw new InvalidOperationException("compute stage not configured");

    /// <summary>The pipeline being computed.</summary>
    public Pipeline? Pipeline { get; private set; }

    /// <summary>Whether the last <see cref="Run"/> ran the standard chain.</summary>
    public bool RanStandard => _ranStandard;

    /// <summary>Whether the last <see cref="Run"/> ran the separable chain.</summary>
    public bool RanSeparable => _ranSeparable;

    /// <summary>max |standard − separable| at the shown block after the last run of both modes; NaN otherwise.</summary>
    public float MaxAbsDifference { get; private set; } = float.NaN;

    /// <summary>standard − separable at the shown block, after a <see cref="Run"/> that asked for it.</summary>
    public GpuFeatureMap DifferenceMap => _differenceMap;

    /// <summary><see cref="DifferenceMap"/>'s channel ranges when the CPU made it, else empty (measured on the GPU).</summary>
    public ReadOnlySpan<float> DifferenceRanges => _differenceRanges.AsSpan(0, _differenceRangeFloats);

    /// <summary>Wall-clock milliseconds the last run of each chain took on this thread, uploads included.</summary>
    public (double Standard, double Separable) WallMilliseconds { get; private set; }

    /// <summary>Builds both chains of <paramref name="pipeline"/> on <paramref name="backend"/>.</summary>
    public void Configure(Pipeline pipeline, ComputeBackendKind backend)
    {
        ReleaseRunners();
        Pipeline = null;
        Problem = null;
        _comparedKey = default;
        var standard = pipeline.Resolve(ConvMode.Standard);
        var separable = pipeline.Resolve(ConvMode.Separable);
        if (backend == ComputeBackendKind.Gpu)
        {
            try
            {
                _standard = new GpuModeRunner(_device, _shaders, standard);
                _separable = new GpuModeRunner(_device, _shaders, separable);
                Backend = ComputeBackendKind.Gpu;
                Pipeline = pipeline;
                return;
            }
            catch (Exception e) when (e is ShaderCompileException or GpuUnavailableException or ArgumentException or InvalidOperationException)
            {
                // A broken shader, a bad RTCONV_GPU_VARIANT or a driver limit: show why, keep going on the CPU.
                ReleaseRunners();
                Problem = $"GPU compute failed ({e.Message}); computing on the CPU until R reloads the shaders";
            }
        }
        _standard = new CpuModeRunner(_device, _cpu, standard);
        _separable = new CpuModeRunner(_device, _cpu, separable);
        Backend = ComputeBackendKind.Cpu;
        Pipeline = pipeline;
    }

    /// <summary>
    /// Runs the chains that are shown (<paramref name="standard"/>, <paramref name="separable"/>) on <paramref name="input"/>,
    /// leaving block <paramref name="block"/>'s outputs drawable, and measures their difference when both ran.
    /// </summary>
    public void Run(FeatureMap input, bool inputChanged, bool standard, bool separable, int block, bool differenceMap)
    {
        _ranStandard = standard;
        _ranSeparable = separable;
        long start = Stopwatch.GetTimestamp();
        if (standard) Standard.Run(input, inputChanged, BlockIndex.LastLayer(Standard.Chain, block));
        long middle = Stopwatch.GetTimestamp();
        if (separable) Separable.Run(input, inputChanged, BlockIndex.LastLayer(Separable.Chain, block));
        WallMilliseconds = (
            standard ? Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds : double.NaN,
            separable ? Stopwatch.GetElapsedTime(middle).TotalMilliseconds : double.NaN);

        if (!(standard && separable))
        {
            MaxAbsDifference = float.NaN;
            _comparedKey = default;
            return;
        }
        // The outputs change only with the input, the block or the chains: compare (a GPU read-back that
        // waits for the GPU) once per change, not once per frame — unless the difference map is shown.
        var key = (input, block, _standard, _separable);
        if (!differenceMap && key == _comparedKey) return;
        _comparedKey = key;
        var cpuStandard = Standard.CpuOutput(BlockIndex.LastLayer(Standard.Chain, block));
        var cpuSeparable = Separable.CpuOutput(BlockIndex.LastLayer(Separable.Chain, block));
        _differenceRangeFloats = 0;
        if (cpuStandard is not null && cpuSeparable is not null)
        {
            // The CPU has both maps in cache: compare (and subtract) there rather than on a software GL renderer.
            MaxAbsDifference = FeatureMap.MaxAbsDifference(cpuStandard, cpuSeparable);
            if (!differenceMap) return;
            if (_cpuDifference is null || _cpuDifference.Channels != cpuStandard.Channels || _cpuDifference.Layout != cpuStandard.Layout
                || _cpuDifference.Height != cpuStandard.Height || _cpuDifference.Width != cpuStandard.Width)
                _cpuDifference = new FeatureMap(cpuStandard.Channels, cpuStandard.Height, cpuStandard.Width, cpuStandard.Layout);
            Subtract(cpuStandard, cpuSeparable, _cpuDifference);
            CpuModeRunner.Show(_cpuDifference, _differenceMap, ref _differenceStaging, ref _differenceRanges, out _differenceRangeFloats);
            return;
        }
        MaxAbsDifference = _difference.MaxAbsDifference(Standard.Shown, Separable.Shown);
        if (differenceMap)
        {
            var shown = Standard.Shown;
            _differenceMap.EnsureShape(shown.Channels, shown.Height, shown.Width);
            _difference.Run(shown, Separable.Shown, _differenceMap);
        }
    }

    /// <summary>
    /// <paramref name="difference"/> = <paramref name="a"/> − <paramref name="b"/>, whose layout is <paramref name="a"/>'s:
    /// element by element when <paramref name="b"/> shares it (padding stays 0 − 0), else value by value.
    /// </summary>
    internal static void Subtract(FeatureMap a, FeatureMap b, FeatureMap difference)
    {
        var left = a.Span;
        var right = b.Span;
        var result = difference.Span;
        if (b.Layout == a.Layout)
        {
            for (int i = 0; i < result.Length; i++) result[i] = left[i] - right[i];
            return;
        }
        // The two modes' kernels chose different layouts: walk channels, each read where its own map keeps it.
        for (int c = 0; c < a.Channels; c++)
            for (int y = 0; y < a.Height; y++)
                for (int x = 0; x < a.Width; x++)
                {
                    int i = a.IndexOf(c, y, x);
                    result[i] = left[i] - right[b.IndexOf(c, y, x)];
                }
    }

    /// <summary>Releases both chains and the difference map.</summary>
    public void Dispose()
    {
        ReleaseRunners();
        _differenceMap.Dispose();
    }

    private void ReleaseRunners()
    {
        _standard?.Dispose();
        _separable?.Dispose();
        _standard = _separable = null;
    }
}
