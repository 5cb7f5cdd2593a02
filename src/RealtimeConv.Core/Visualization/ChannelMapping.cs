using System.Numerics;

namespace RealtimeConv.Visualization;

/// <summary>How one channel's values become colours: the chosen map and the range it is scaled to.</summary>
internal readonly record struct ChannelMapping(ChannelColormap Map, float Low, float High, float MaxAbs)
{
    /// <summary>
    /// Resolves the automatic choices with the documented rule (any negative value → diverging) and takes
    /// the scale from <paramref name="range"/>.
    /// </summary>
    public static ChannelMapping For(ChannelRange range, ChannelColormap requested)
    {
        var map = requested switch
        {
            ChannelColormap.AutoViridis => range.HasNegative ? ChannelColormap.Diverging : ChannelColormap.Viridis,
            ChannelColormap.AutoGrayscale => range.HasNegative ? ChannelColormap.Diverging : ChannelColormap.Grayscale,
            _ => requested,
        };
        return new ChannelMapping(map, range.Low, range.High, range.MaxAbs);
    }

    /// <summary>True when the diverging map is used.</summary>
    public bool IsDiverging => Map == ChannelColormap.Diverging;

    /// <summary>The colour of <paramref name="v"/>.</summary>
    public Vector3 Colour(float v)
    {
        if (float.IsNaN(v)) return Colormaps.NaNColour;
        return Map switch
        {
            ChannelColormap.Diverging => Colormaps.Diverging(Colormaps.DivergingS(v, MaxAbs)),
            ChannelColormap.Grayscale => Colormaps.Grayscale(Colormaps.SequentialT(v, Low, High)),
            _ => Colormaps.Viridis(Colormaps.SequentialT(v, Low, High)),
        };
    }
}
