namespace RealtimeConv.Visualization;

/// <summary>How <see cref="ChannelVisualizer"/> renders channels.</summary>
public sealed record VisualizationOptions
{
    /// <summary>Largest gutter accepted, in pixels.</summary>
    public const int MaxGutter = 8;

    /// <summary>Per-channel (default) or global colour range.</summary>
    public ChannelNormalization Normalization { get; init; } = ChannelNormalization.PerChannel;

    /// <summary>Colormap; by default diverging for signed data, viridis otherwise.</summary>
    public ChannelColormap Colormap { get; init; } = ChannelColormap.AutoViridis;

    /// <summary>Pixels between tiles in a grid, 0..<see cref="MaxGutter"/>; 2 by default.</summary>
    public int Gutter { get; init; } = 2;

    /// <summary>Draw each tile's channel index in its top-left corner (only on tiles of at least 24×24).</summary>
    public bool Labels { get; init; } = true;
}
