using RealtimeConv.Layers;

namespace RealtimeConv.App.Run;

/// <summary>One layer of one mode's run on one image, as <c>report.json</c> records it.</summary>
/// <param name="Name">The layer's name in the resolved chain.</param>
/// <param name="Kind">Standard, depthwise or pointwise.</param>
/// <param name="Kernel">K of the K×K window.</param>
/// <param name="Stride">1 or 2.</param>
/// <param name="Multiplier">Depthwise multiplier d (1 for the other kinds).</param>
/// <param name="InputShape">(C, H, W) read by the layer.</param>
/// <param name="OutputShape">(C, H, W) written by the layer.</param>
/// <param name="Milliseconds">The layer's time on this image (a single run).</param>
/// <param name="Clock">The clock that measured it ("wall" or the pass's own clock).</param>
/// <param name="Multiplications">Its multiplication count (<see cref="Cost.ConvCost.Multiplications"/>).</param>
internal sealed record LayerOutcome(
    string Name, ConvKind Kind, int Kernel, int Stride, int Multiplier,
    int[] InputShape, int[] OutputShape, double Milliseconds, string Clock, long Multiplications);
