using RealtimeConv.Kernels;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// The fused depthwise + pointwise shader as the CPU-side <see cref="ISeparablePass"/> contract sees it
/// (the executor and the bench), timed by the GPU's own clock like every other GPU pass.
/// </summary>
public sealed class GpuSeparablePass : ISeparablePass, ITimedPass, IDisposable
{
    private readonly GpuConvPass _pass;

    internal GpuSeparablePass(GpuConvPass pass, ConvLayer depthwise, ConvLayer pointwise)
    {
        _pass = pass;
        Depthwise = depthwise;
        Pointwise = pointwise;
    }

    /// <inheritdoc />
    public ConvLayer Depthwise { get; }

    /// <inheritdoc />
    public ConvLayer Pointwise { get; }

    /// <summary>The pair's shape as one layer (see SeparablePass.Layer).</summary>
    public ConvLayer Layer => _pass.Layer;

    /// <inheritdoc />
    public void Run(FeatureMap input, FeatureMap output) => _pass.Run(input, output);

    /// <inheritdoc />
    public PassTiming RunTimed(FeatureMap input, FeatureMap output) => _pass.RunTimed(input, output);

    /// <summary>Deletes the pass's GL objects.</summary>
    public void Dispose() => _pass.Dispose();
}
