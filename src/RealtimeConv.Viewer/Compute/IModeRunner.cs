using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Kernels;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;

namespace RealtimeConv.Viewer.Compute;

/// <summary>
/// One mode's chain (standard or separable), run once per frame on one backend. Whatever the backend,
/// the layer being shown ends up in a <see cref="GpuFeatureMap"/>, because the display draws from there.
/// </summary>
internal interface IModeRunner : IDisposable
{
    /// <summary>The chain, resolved for this runner's mode.</summary>
    ResolvedPipeline Chain { get; }

    /// <summary>Where the layers run.</summary>
    ComputeBackendKind Backend { get; }

    /// <summary>
    /// Runs every layer on <paramref name="input"/> (re-sent to the GPU only when
    /// <paramref name="inputChanged"/>) and makes layer <paramref name="shownLayer"/>'s output drawable.
    /// </summary>
    void Run(FeatureMap input, bool inputChanged, int shownLayer);

    /// <summary>The shown layer's output after the last <see cref="Run"/>.</summary>
    GpuFeatureMap Shown { get; }

    /// <summary>
    /// The shown output's channel ranges measured where it was computed (the CPU, in ChannelRangeTable's
    /// packed form), or empty: then the display measures them on the GPU.
    /// </summary>
    ReadOnlySpan<float> ShownRanges { get; }

    /// <summary>Layer <paramref name="layer"/>'s latest time and its clock (GPU timestamps arrive a few frames late).</summary>
    PassTiming Timing(int layer);

    /// <summary>A CPU copy of layer <paramref name="layer"/>'s latest output (allocates; for V and S, not per frame).</summary>
    FeatureMap ReadLayer(int layer);

    /// <summary>The layer's output still in CPU memory (the CPU backend), or null (the GPU backend).</summary>
    FeatureMap? CpuOutput(int layer);
}
