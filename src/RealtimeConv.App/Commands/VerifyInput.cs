using RealtimeConv.Tensors;

namespace RealtimeConv.App.Commands;

/// <summary>An input of <c>rtconv verify</c>: an image converted to a feature map, or seeded random values.</summary>
/// <param name="Name">The file name, or "random WxH".</param>
/// <param name="Map">The values, channels as the pipeline needs them.</param>
/// <param name="Note">How the map was made (downsampling, channel conversion), for the report; empty if as is.</param>
internal sealed record VerifyInput(string Name, FeatureMap Map, string Note);
