using RealtimeConv.Layers;

namespace RealtimeConv.Kernels;

/// <summary>
/// A backend that can run a depthwise layer and the pointwise layer after it as one pass, so the
/// depthwise result never goes to memory as a whole map. Optional: callers check for it with <c>is</c>
/// and fall back to two <see cref="IConvPass"/>es.
/// </summary>
public interface ISeparableFusion
{
    /// <summary>
    /// Prepares <paramref name="depthwise"/> followed by <paramref name="pointwise"/> as one pass, or returns
    /// null when this backend cannot fuse the pair (wrong kinds, channel counts that do not chain, a strided
    /// pointwise layer): the caller then runs the two layers as separate passes.
    /// </summary>
    ISeparablePass? PrepareSeparable(ConvLayer depthwise, ConvLayer pointwise);
}
