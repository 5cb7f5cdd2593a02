using RealtimeConv.Pipelines;

namespace RealtimeConv.App.Run;

/// <summary>One mode's run on one image: its layers in order.</summary>
/// <param name="Mode">Standard or separable.</param>
/// <param name="Layers">Each layer's shape, time, clock and cost.</param>
internal sealed record ModeOutcome(ConvMode Mode, IReadOnlyList<LayerOutcome> Layers)
{
    /// <summary>The summed time of the layers, in milliseconds.</summary>
    public double Milliseconds => Layers.Sum(l => l.Milliseconds);

    /// <summary>The clock(s) of the layers: one name, or several joined by '+'.</summary>
    public string Clock => string.Join("+", Layers.Select(l => l.Clock).Distinct());

    /// <summary>The summed multiplications of the layers.</summary>
    public long Multiplications => Layers.Sum(l => l.Multiplications);
}
