using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>Picks the GPU pass for a layer's kind: the one place that maps kinds to shaders.</summary>
public static class GpuPassFactory
{
    /// <summary>Prepares <paramref name="layer"/> on the current context.</summary>
    public static IGpuPass Create(GpuDevice device, ShaderLibrary shaders, ConvLayer layer) => layer.Kind switch
    {
        ConvKind.Depthwise => new DepthwisePass(device, shaders, layer),
        ConvKind.Pointwise => new PointwisePass(device, shaders, layer),
        ConvKind.Standard => new StandardPass(device, shaders, layer),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Kind, $"layer '{layer.Name}': no GPU pass for this kind"),
    };
}
