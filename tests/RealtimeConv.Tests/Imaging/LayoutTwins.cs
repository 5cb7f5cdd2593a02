using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Imaging;

/// <summary>
/// The same values in the other <see cref="ChannelLayout"/>: every consumer of a <see cref="FeatureMap"/> must
/// give the same answer for a map and its twin, which is what the layout tests beside each consumer check.
/// </summary>
internal static class LayoutTwins
{
    /// <summary>A new map holding <paramref name="map"/>'s values in <paramref name="layout"/> (padding zero).</summary>
    public static FeatureMap InLayout(this FeatureMap map, ChannelLayout layout)
    {
        var twin = new FeatureMap(map.Channels, map.Height, map.Width, layout);
        twin.CopyFrom(map);
        return twin;
    }

    /// <summary>A map of <paramref name="channels"/>×<paramref name="height"/>×<paramref name="width"/> in <paramref name="layout"/> whose every real value is NaN, so a value a writer forgets shows.</summary>
    public static FeatureMap Garbage(int channels, int height, int width, ChannelLayout layout)
    {
        var map = new FeatureMap(channels, height, width, layout);
        var nan = new float[channels * height * width];
        Array.Fill(nan, float.NaN);
        map.ReadPlanar(nan);
        return map;
    }
}
