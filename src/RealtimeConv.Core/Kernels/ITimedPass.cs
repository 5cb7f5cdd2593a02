using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels;

/// <summary>
/// A pass that measures itself with its own clock (GPU timestamp queries, fences). Passes that do not
/// implement it are timed by the caller with the wall clock around <see cref="IConvPass.Run"/>.
/// </summary>
public interface ITimedPass : IConvPass
{
    /// <summary>Runs the pass once and says how long it took and by which clock.</summary>
    PassTiming RunTimed(FeatureMap input, FeatureMap output);
}

/// <summary>A duration and the name of the clock that measured it ("wall", "gl-timestamp", "gl-fence+wall").</summary>
/// <param name="Milliseconds">The measured duration.</param>
/// <param name="Clock">Which clock measured it; every reported timing names its clock.</param>
public readonly record struct PassTiming(double Milliseconds, string Clock);
