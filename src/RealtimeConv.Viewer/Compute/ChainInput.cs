using RealtimeConv.Imaging;
using RealtimeConv.Tensors;

namespace RealtimeConv.Viewer.Compute;

/// <summary>
/// Turns a decoded image into the first layer's input: RGB for 3 channels, luma for 1, and for a wider
/// synthetic pipeline (random:m=32) the RGB channels repeated, channel c reading colour c mod 3 — the
/// same rule <c>PipelineExecutor</c> applies, done once per image here rather than once per frame.
/// </summary>
internal static class ChainInput
{
    /// <summary>A new map of <paramref name="channels"/> channels from <paramref name="image"/>, in <paramref name="layout"/>.</summary>
    public static FeatureMap From(PixelImage image, int channels, ChannelLayout layout = ChannelLayout.Blocked)
    {
        if (channels is 1 or 3) return ImageConversion.ToFeatureMap(image, channels, layout: layout);
        var rgb = ImageConversion.ToFeatureMap(image, 3, layout: layout);
        var map = new FeatureMap(channels, image.Height, image.Width, layout);
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < image.Height; y++)
                for (int x = 0; x < image.Width; x++) map[c, y, x] = rgb[c % 3, y, x];
        return map;
    }
}
