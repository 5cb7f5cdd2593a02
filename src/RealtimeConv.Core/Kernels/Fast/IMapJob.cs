using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// A pass's work over one input and one output map, split statically by <see cref="WorkerTeam"/>:
/// the maps travel with the call, so a pass keeps no per-run state in fields.
/// </summary>
internal interface IMapJob
{
    /// <summary>Runs share <paramref name="worker"/> of <paramref name="workers"/> of the pass; shares never overlap.</summary>
    void Execute(int worker, int workers, FeatureMap input, FeatureMap output);
}
