using RealtimeConv.Tensors;

namespace RealtimeConv.Imaging;

/// <summary>Converts 8-bit images into the float feature maps the convolution passes read.</summary>
public static class ImageConversion
{
    /// <summary>
    /// Builds a <paramref name="channels"/>-channel map from <paramref name="image"/>, every value
    /// <c>byte / 255</c> in [0, 1].
    /// <list type="bullet">
    /// <item>3 channels: RGB as R, G, B; a gray image is replicated into all three.</item>
    /// <item>1 channel: gray as is; RGB becomes luma with <paramref name="luma"/> weights (default BT.601).</item>
    /// <item>Alpha is dropped, not composited or premultiplied: a transparent pixel keeps its colour values.</item>
    /// </list>
    /// The map is in <paramref name="layout"/>: blocked unless asked, planar for a kernel that prefers it
    /// (<see cref="FeatureMap.PreferredLayout"/>).
    /// </summary>
    public static FeatureMap ToFeatureMap(PixelImage image, int channels = 3, LumaWeights luma = LumaWeights.Rec601, ChannelLayout layout = ChannelLayout.Blocked)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "an image converts to 1 (luma) or 3 (RGB) channels");
        var map = new FeatureMap(channels, image.Height, image.Width, layout);
        var dst = map.Span;
        var src = image.Pixels;
        int comps = image.Components;
        bool colour = comps >= 3;
        var (wr, wg, wb) = Weights(luma);
        const float Scale = 1f / 255f;
        int count = image.Width * image.Height;
        // Channel c of pixel p sits at IndexOf(c, 0, 0) + p·lanes in either layout (block 0's lanes 0..2 when
        // blocked, planes 0..2 when planar). A 1-channel map writes only r0.
        int lanes = map.Lanes;
        int r0 = map.IndexOf(0, 0, 0);
        int g0 = channels == 3 ? map.IndexOf(1, 0, 0) : r0, b0 = channels == 3 ? map.IndexOf(2, 0, 0) : r0;
        for (int p = 0; p < count; p++)
        {
            int s = p * comps, d = p * lanes;
            if (!colour)
            {
                float g = src[s] * Scale;
                dst[r0 + d] = g;
                if (channels == 3) dst[g0 + d] = dst[b0 + d] = g;
            }
            else if (channels == 3)
            {
                dst[r0 + d] = src[s] * Scale;
                dst[g0 + d] = src[s + 1] * Scale;
                dst[b0 + d] = src[s + 2] * Scale;
            }
            else
            {
                // Y′ = (wr·R + wg·G + wb·B) / 255.
                dst[r0 + d] = (wr * src[s] + wg * src[s + 1] + wb * src[s + 2]) * Scale;
            }
        }
        return map;
    }

    /// <summary>The (R, G, B) weights of <paramref name="luma"/>; each set sums to 1.</summary>
    public static (float R, float G, float B) Weights(LumaWeights luma) => luma switch
    {
        LumaWeights.Rec601 => (0.299f, 0.587f, 0.114f),
        LumaWeights.Rec709 => (0.2126f, 0.7152f, 0.0722f),
        _ => throw new ArgumentOutOfRangeException(nameof(luma), luma, "unknown luma weights"),
    };
}
