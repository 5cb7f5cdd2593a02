using RealtimeConv.Layers;

namespace RealtimeConv.Kernels;

/// <summary>A backend that can run a depthwise layer and the pointwise layer after it as one pass; null when the pair cannot fuse.</summary>
public interface ISeparableFusion
{
    /// <summary>A backend that can run a depthwise layer and the pointwise layer after it as one pass; null when the pair cannot fuse.</summary>
    IConvPass? PrepareSeparable(ConvLayer depthwise, ConvLayer pointwise);
}
