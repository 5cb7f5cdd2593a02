using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels;

/// <summary>One prepared layer on one backend.</summary>
public interface IConvPass
{
    /// <summary>The layer this pass computes.</summary>
    ConvLayer Layer { get; }

    /// <summary>
    /// Computes <see cref="Layer"/> over <paramref name="input"/> into <paramref name="output"/>, which
    /// must have <c>Layer.OutChannels</c> channels and <c>Layer.OutputSize</c> of the input's sides.
    /// Every value of the output, block padding included, is written (padding with zeros).
    /// </summary>
    void Run(FeatureMap input, FeatureMap output);
}

/// <summary>Helpers shared by every backend.</summary>
public static class ConvPassExtensions
{
    /// <summary>Allocates the output map for <paramref name="pass"/> and runs it.</summary>
    public static FeatureMap Run(this IConvPass pass, FeatureMap input)
    {
        var layer = pass.Layer;
        var output = new FeatureMap(layer.OutChannels, layer.OutputSize(input.Height), layer.OutputSize(input.Width));
        pass.Run(input, output);
        return output;
    }

    /// <summary>Throws a clear error when the maps do not fit <paramref name="layer"/>.</summary>
    public static void CheckShapes(ConvLayer layer, FeatureMap input, FeatureMap output)
    {
        if (input.Channels != layer.InChannels)
            throw new ArgumentException($"layer '{layer.Name}' takes {layer.InChannels} channels, the input has {input.Channels}");
        int oh = layer.OutputSize(input.Height), ow = layer.OutputSize(input.Width);
        if (output.Channels != layer.OutChannels || output.Height != oh || output.Width != ow)
            throw new ArgumentException($"layer '{layer.Name}' makes {layer.OutChannels}×{oh}×{ow} from {input.ShapeText}, the output is {output.ShapeText}");
    }
}
