using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// A map a pass keeps to stand in for a caller's map in a layout its kernels handle (the caller's map is
/// copied in or out with <see cref="FeatureMap.CopyFrom"/>). Allocated on first use and again only when
/// the shape or layout asked for changes, so a steady stream of frames allocates nothing. Not thread-safe:
/// the owning pass serialises its use.
/// </summary>
internal sealed class StandInMap
{
    private FeatureMap? _map;

    /// <summary>Whether <paramref name="map"/> is the map this stand-in holds.</summary>
    public bool Holds(FeatureMap map) => ReferenceEquals(_map, map);

    /// <summary>A map of <paramref name="like"/>'s shape in <paramref name="layout"/> (its contents are stale).</summary>
    public FeatureMap Like(FeatureMap like, ChannelLayout layout)
    {
        if (_map is null || _map.Layout != layout || _map.Channels != like.Channels || _map.Height != like.Height || _map.Width != like.Width)
            _map = new FeatureMap(like.Channels, like.Height, like.Width, layout);
        return _map;
    }
}
