using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>Shape checks for GPU passes, worded like the CPU ones.</summary>
internal static class GpuShapes
{
    public static void Check(ConvLayer layer, GpuFeatureMap input, GpuFeatureMap output)
    {
        if (input.Channels != layer.InChannels)
            throw new ArgumentException($"layer '{layer.Name}' takes {layer.InChannels} channels, the GPU input has {input.Channels}");
        int oh = layer.OutputSize(input.Height), ow = layer.OutputSize(input.Width);
        if (output.Channels != layer.OutChannels || output.Height != oh || output.Width != ow)
            throw new ArgumentException($"layer '{layer.Name}' makes {layer.OutChannels}×{oh}×{ow} from {input.ShapeText}, the GPU output is {output.ShapeText}");
    }
}
