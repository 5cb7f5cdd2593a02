using RealtimeConv.Gpu;
using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Kernels;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;

namespace RealtimeConv.Viewer.Compute;

/// <summary>
/// A mode on the GPU: a <see cref="GpuChain"/> in the window's own context, so outputs are drawn straight
/// from the storage buffers the compute shaders wrote, with no read-back.
/// </summary>
internal sealed class GpuModeRunner : IModeRunner
{
    private readonly GpuChain _chain;
    private int _shown;
    private FeatureMap? _uploaded;

    /// <summary>Compiles and prepares <paramref name="chain"/>'s layers (throws ShaderCompileException on a broken shader).</summary>
    public GpuModeRunner(GpuDevice device, ShaderLibrary shaders, ResolvedPipeline chain)
    {
        Chain = chain;
        // Thin separable pairs run as one fused shader (the block's output is all the viewer shows), each
        // pass in the variant timed fastest on this renderer (remembered across runs).
        _chain = new GpuChain(device, shaders, chain.Layers, fuseSeparable: true, variants: VariantSelector.FromEnvironment());
    }

    /// <inheritdoc />
    public ResolvedPipeline Chain { get; }

    /// <inheritdoc />
    public ComputeBackendKind Backend => ComputeBackendKind.Gpu;

    /// <inheritdoc />
    public GpuFeatureMap Shown => _chain.Output(_shown);

    /// <inheritdoc />
    public ReadOnlySpan<float> ShownRanges => default;

    /// <inheritdoc />
    public void Run(FeatureMap input, bool inputChanged, int shownLayer)
    {
        // A chain that was hidden (or just built) missed earlier uploads: it sends whatever map it has not seen.
        if (inputChanged || !ReferenceEquals(input, _uploaded))
        {
            _chain.Upload(input);
            _uploaded = input;
        }
        _chain.Run();
        _shown = shownLayer;
    }

    /// <inheritdoc />
    public PassTiming Timing(int layer) =>
        !_chain.HasOutput(layer) ? new PassTiming(0, "fused")
        : _chain.Timing(layer) ?? new PassTiming(double.NaN, "gl pending");

    /// <inheritdoc />
    public FeatureMap ReadLayer(int layer)
    {
        var output = _chain.Output(layer);
        var copy = new FeatureMap(output.Channels, output.Height, output.Width);
        _chain.Download(layer, copy);
        return copy;
    }

    /// <inheritdoc />
    public FeatureMap? CpuOutput(int layer) => null;

    /// <inheritdoc />
    public void Dispose() => _chain.Dispose();
}
