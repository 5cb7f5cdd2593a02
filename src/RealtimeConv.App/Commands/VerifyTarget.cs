using RealtimeConv.Layers;

namespace RealtimeConv.App.Commands;

/// <summary>One chain <c>rtconv verify</c> runs: a pipeline resolved in one mode, or a built-in test chain.</summary>
/// <param name="Pipeline">The pipeline's name ("edges k3", …) or "builtin".</param>
/// <param name="Mode">"standard", "separable", or the built-in chain's name.</param>
/// <param name="Layers">The layers, in order.</param>
internal sealed record VerifyTarget(string Pipeline, string Mode, IReadOnlyList<ConvLayer> Layers)
{
    /// <summary>Channels the first layer reads.</summary>
    public int InputChannels => Layers[0].InChannels;
}
