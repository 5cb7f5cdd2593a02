using RealtimeConv.Kernels;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;

namespace RealtimeConv.Execution;

/// <summary>
/// How far the two modes of a pipeline disagree on one input: the price of a dropped activation
/// (composed blocks) or of a truncated fit (fitted blocks).
/// </summary>
public static class ModeComparison
{
    /// <summary>
    /// Runs <paramref name="pipeline"/> in both modes on <paramref name="backend"/> and returns the largest
    /// absolute difference between the final outputs (0 up to rounding when both chains are exact).
    /// </summary>
    public static float MaxAbsDifference(Pipeline pipeline, IConvBackend backend, FeatureMap input)
    {
        using var standard = new PipelineExecutor(pipeline.Resolve(ConvMode.Standard), backend);
        using var separable = new PipelineExecutor(pipeline.Resolve(ConvMode.Separable), backend);
        return FeatureMap.MaxAbsDifference(standard.Run(input), separable.Run(input));
    }
}
