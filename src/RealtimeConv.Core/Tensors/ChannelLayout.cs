namespace RealtimeConv.Tensors;

/// <summary>How a <see cref="FeatureMap"/> stores its channels.</summary>
public enum ChannelLayout
{
    /// <summary><c>[ceil(C/8)][H][W][8]</c>: 8 channels of a pixel side by side (nChw8c).</summary>
    Blocked,

    /// <summary><c>[C][H][W]</c>: one plane per channel (NCHW).</summary>
    Planar,
}
