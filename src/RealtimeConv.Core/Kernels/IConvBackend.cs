using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels;

/// <summary>
/// A family of convolution kernels (the plain reference loops, the SIMD kernels, …).
/// It turns an immutable <see cref="ConvLayer"/> into an <see cref="IConvPass"/> that owns whatever
/// it derives from the layer (packed weights, scratch), so the per-frame call allocates nothing.
/// A backend may own threads, a GL context or native sessions, so it is disposable: whoever creates
/// one disposes it.
/// </summary>
public interface IConvBackend : IDisposable
{
    /// <summary>Short name used in reports and the bench's <c>backend</c> column ("cpu", "cpu-ref").</summary>
    string Name { get; }

    /// <summary>Prepares <paramref name="layer"/> for repeated execution.</summary>
    IConvPass Prepare(ConvLayer layer);

    /// <summary>
    /// The layout this backend computes fastest in for maps of <paramref name="channels"/> channels. Its passes
    /// take maps in either layout; a caller that allocates maps for it (the bench, a pipeline's intermediates)
    /// picks this one.
    /// </summary>
    ChannelLayout PreferredLayout(int channels) => ChannelLayout.Blocked;
}
