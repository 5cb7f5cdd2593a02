namespace RealtimeConv.Peers;

/// <summary>How ONNX Runtime sessions for our Conv models are set up.</summary>
/// <param name="IntraOpThreads">Threads ORT may use inside one Conv (its intra-op pool); 2 by default.</param>
/// <param name="AllowSpinning">
/// Whether ORT's pool threads busy-wait after a run. Off by default: the bench interleaves ORT with
/// our own kernels on the same cores, and spinning ORT threads would steal time from the run after
/// theirs. Turning it on makes ORT's own back-to-back latency slightly lower.
/// </param>
public sealed record OrtConvOptions(int IntraOpThreads = 2, bool AllowSpinning = false)
{
    /// <summary>The defaults: 2 intra-op threads, no spinning, graph optimisation level "all".</summary>
    public static OrtConvOptions Default { get; } = new();
}
