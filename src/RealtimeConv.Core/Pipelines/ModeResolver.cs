using RealtimeConv.Algebra;
using RealtimeConv.Layers;

namespace RealtimeConv.Pipelines;

/// <summary>
/// The one place that decides how each block runs in each mode:
/// <list type="table">
/// <item><term>separable block, standard mode</term><description>composed into one standard layer
/// (<see cref="SeparableAlgebra.Compose"/>); exact when no activation sits between the passes, otherwise the
/// activation between is dropped and the difference is measured when run.</description></item>
/// <item><term>standard block, separable mode</term><description>fitted (<see cref="SeparableAlgebra.Fit(RealtimeConv.Layers.ConvLayer, int, string?, string?)"/>)
/// with the block's multiplier, or by default the smallest d in 1…<see cref="DefaultMaxMultiplier"/> whose
/// relative weight error is at most <see cref="DefaultErrorTarget"/>, never more than min(N, K²) (which is
/// already exact); if none reaches the target, the largest tried.</description></item>
/// <item><term>otherwise</term><description>as defined.</description></item>
/// </list>
/// </summary>
public static class ModeResolver
{
    /// <summary>
    /// Largest multiplier tried by default. Separable costs d·(1/N + 1/K²) of standard, so past d = 4 a
    /// 3×3 block with few outputs would cost more than the standard layer it replaces.
    /// </summary>
    public const int DefaultMaxMultiplier = 4;

    /// <summary>Relative weight error (1 %) below which a default fit is taken as good enough.</summary>
    public const double DefaultErrorTarget = 0.01;

    /// <summary>Resolves every block of <paramref name="pipeline"/> for <paramref name="mode"/>.</summary>
    public static ResolvedPipeline Resolve(Pipeline pipeline, ConvMode mode) =>
        new(pipeline, mode, pipeline.Blocks.Select(b => Resolve(b, mode)).ToArray());

    /// <summary>Resolves one block for <paramref name="mode"/>.</summary>
    public static ResolvedBlock Resolve(PipelineBlock block, ConvMode mode) => (block, mode) switch
    {
        (SeparableBlock s, ConvMode.Standard) => Compose(s),
        (SeparableBlock s, ConvMode.Separable) => new ResolvedBlock(s, BlockResolution.AsDefined, [s.Depthwise, s.Pointwise]),
        (StandardBlock s, ConvMode.Standard) => new ResolvedBlock(s, BlockResolution.AsDefined, [s.Layer]),
        (StandardBlock s, ConvMode.Separable) => Fit(s),
        _ => throw new ArgumentOutOfRangeException(nameof(block), $"block '{block.Name}' ({block.GetType().Name}) in mode {mode}"),
    };

    /// <summary>The multiplier a standard block is fitted with, and its fit.</summary>
    public static SeparableFit ChooseFit(StandardBlock block)
    {
        var layer = block.Layer;
        if (block.FitMultiplier is int d)
            return SeparableAlgebra.Fit(layer, d, layer.Name + ".dw", layer.Name + ".pw");
        int cap = Math.Min(DefaultMaxMultiplier, Math.Min(layer.OutChannels, layer.Kernel * layer.Kernel));
        var slices = SeparableAlgebra.DecomposeSlices(layer);
        SeparableFit? fit = null;
        for (int tryD = 1; tryD <= cap; tryD++)
        {
            fit = SeparableAlgebra.Fit(layer, tryD, slices, layer.Name + ".dw", layer.Name + ".pw");
            if (fit.RelativeError <= DefaultErrorTarget) break;
        }
        return fit!;
    }

    private static ResolvedBlock Compose(SeparableBlock block)
    {
        bool exact = block.Between == Activation.None;
        var linearDepthwise = exact ? block.Depthwise : block.Depthwise.WithActivation(Activation.None);
        var composed = SeparableAlgebra.Compose(linearDepthwise, block.Pointwise, block.Name);
        return new ResolvedBlock(block, exact ? BlockResolution.ComposedExactly : BlockResolution.ComposedDroppingActivation, [composed]);
    }

    private static ResolvedBlock Fit(StandardBlock block)
    {
        var fit = ChooseFit(block);
        return new ResolvedBlock(block, BlockResolution.Fitted, [fit.Depthwise, fit.Pointwise], fit.Multiplier, fit.RelativeError);
    }
}
