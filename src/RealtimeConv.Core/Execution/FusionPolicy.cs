namespace RealtimeConv.Execution;

/// <summary>
/// Whether a <see cref="PipelineExecutor"/> runs a separable block's depthwise and pointwise layers as one
/// fused pass (on backends that offer one, <c>ISeparableFusion</c>). Fused or not, the results are the same
/// bits on the cpu backend; what changes is speed and whether the depthwise layer's output can be read.
/// </summary>
public enum FusionPolicy
{
    /// <summary>Every layer runs as its own pass, so every layer's output stays available (reports, per-layer images).</summary>
    Never,

    /// <summary>
    /// On the first run at each input size, each fusable pair is timed both ways (interleaved, minimum of
    /// three runs each after one untimed run) and keeps the faster; the default.
    /// </summary>
    WhenFaster,

    /// <summary>Every fusable pair runs fused.</summary>
    Always,
}
