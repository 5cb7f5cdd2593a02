using RealtimeConv.Layers;

namespace RealtimeConv.Algebra;

/// <summary>The depthwise-separable approximation of a standard layer, and how far it is from it.</summary>
/// <param name="Depthwise">K×K depthwise M → M·d, the standard layer's stride, no bias, no activation.</param>
/// <param name="Pointwise">1×1 M·d → N with the standard layer's bias and activation.</param>
/// <param name="Multiplier">The depthwise multiplier d.</param>
/// <param name="RelativeError">‖W − W_fit‖_F / ‖W‖_F over the whole weight tensor (0 for an all-zero W).</param>
/// <param name="ChannelErrors">The same ratio per input channel m, on the slice W[:, m, :, :].</param>
public sealed record SeparableFit(
    ConvLayer Depthwise, ConvLayer Pointwise, int Multiplier, double RelativeError, IReadOnlyList<double> ChannelErrors);
