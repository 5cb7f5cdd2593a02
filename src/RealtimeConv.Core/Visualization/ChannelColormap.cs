namespace RealtimeConv.Visualization;

/// <summary>
/// Which colormap renders a channel. The automatic choices follow one rule, applied per channel under
/// <see cref="ChannelNormalization.PerChannel"/> and once for the whole map under
/// <see cref="ChannelNormalization.Global"/>: <b>any negative value → diverging</b> (signed data, zero is
/// white); otherwise the named sequential map (non-negative data such as post-ReLU activations).
/// </summary>
public enum ChannelColormap
{
    /// <summary>Diverging for signed data, else viridis.</summary>
    AutoViridis,

    /// <summary>Diverging for signed data, else grayscale.</summary>
    AutoGrayscale,

    /// <summary>Always grayscale over [min, max].</summary>
    Grayscale,

    /// <summary>Always viridis over [min, max].</summary>
    Viridis,

    /// <summary>Always blue–white–red over [−maxAbs, +maxAbs].</summary>
    Diverging,
}
