namespace RealtimeConv.Visualization;

/// <summary>Over which values the colour range of a channel is measured.</summary>
public enum ChannelNormalization
{
    /// <summary>Each channel uses its own range: every channel shows its full contrast, magnitudes are not comparable.</summary>
    PerChannel,

    /// <summary>One range over all channels: magnitudes compare across tiles, weak channels look flat.</summary>
    Global,
}
