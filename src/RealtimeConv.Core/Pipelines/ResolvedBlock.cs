using System.Globalization;
using RealtimeConv.Layers;

namespace RealtimeConv.Pipelines;

/// <summary>One block as it will run in a mode: its layers and what was done to get them.</summary>
/// <param name="Block">The block as defined.</param>
/// <param name="Resolution">What was done.</param>
/// <param name="Layers">One standard layer, or depthwise then pointwise.</param>
/// <param name="FitMultiplier">The multiplier d of a fitted block; null otherwise.</param>
/// <param name="RelativeError">‖W − W_fit‖_F / ‖W‖_F of a fitted block; null otherwise.</param>
public sealed record ResolvedBlock(
    PipelineBlock Block, BlockResolution Resolution, IReadOnlyList<ConvLayer> Layers, int? FitMultiplier = null, double? RelativeError = null)
{
    /// <summary>The resolution in words, for reports: "as defined", "composed exactly", ….</summary>
    public string Note => Resolution switch
    {
        BlockResolution.AsDefined => "as defined",
        BlockResolution.ComposedExactly => "composed exactly",
        BlockResolution.ComposedDroppingActivation =>
            $"composed linear parts; activation between passes ({((SeparableBlock)Block).Between.Name()}) dropped (difference reported when run)",
        BlockResolution.Fitted => string.Create(CultureInfo.InvariantCulture,
            $"fitted with multiplier {FitMultiplier}, relative weight error {RelativeError:G3}"),
        _ => Resolution.ToString(),
    };
}
