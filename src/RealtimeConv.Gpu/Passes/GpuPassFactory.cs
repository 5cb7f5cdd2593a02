using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>Picks the GPU pass for a layer's kind: the one place that maps kinds to shaders and variants.</summary>
public static class GpuPassFactory
{
    /// <summary>
    /// Prepares <paramref name="layer"/> on the current context: on its default variant, or with
    /// <paramref name="variants"/> on the one that selector picks per shape.
    /// </summary>
    public static IGpuPass Create(GpuDevice device, ShaderLibrary shaders, ConvLayer layer, VariantSelector? variants = null)
    {
        var kind = layer.Kind switch
        {
            ConvKind.Depthwise => GpuPassKind.Depthwise,
            ConvKind.Pointwise => GpuPassKind.Pointwise,
            ConvKind.Standard => GpuPassKind.Standard,
            _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Kind, $"layer '{layer.Name}': no GPU pass for this kind"),
        };
        Func<ShaderVariant?, IGpuPass> create = kind switch
        {
            GpuPassKind.Depthwise => variant => new DepthwisePass(device, shaders, layer, variant),
            GpuPassKind.Pointwise => variant => new PointwisePass(device, shaders, layer, variant),
            _ => variant => new StandardPass(device, shaders, layer, variant),
        };
        return variants is null ? create(null) : new TunedPass(device, variants, kind, create);
    }

    /// <summary>
    /// Prepares <paramref name="depthwise"/> then <paramref name="pointwise"/> as one fused pass
    /// (<see cref="SeparablePass.CanFuse"/> must hold), with variants chosen as in <see cref="Create"/>.
    /// </summary>
    public static IGpuPass CreateSeparable(GpuDevice device, ShaderLibrary shaders, ConvLayer depthwise, ConvLayer pointwise, VariantSelector? variants = null)
    {
        IGpuPass Make(ShaderVariant? variant) => new SeparablePass(device, shaders, depthwise, pointwise, variant);
        return variants is null ? Make(null) : new TunedPass(device, variants, GpuPassKind.Separable, Make);
    }
}
