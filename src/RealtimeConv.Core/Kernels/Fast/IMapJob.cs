using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// A pass's work over one input and one output map, cut into independent items (rows, bands, runs of pixels)
/// that <see cref="WorkerTeam"/> deals out through <see cref="WorkItems"/>: the maps travel with the call, so a
/// pass keeps no per-run state in fields.
/// </summary>
internal interface IMapJob
{
    /// <summary>Number of items a run over these maps is cut into; item i must not depend on which worker computes it.</summary>
    int CountItems(FeatureMap input, FeatureMap output);

    /// <summary>
    /// Worker <paramref name="worker"/>'s part of the run: computes items taken from <paramref name="items"/> until
    /// none are left, using this worker's scratch.
    /// </summary>
    void Execute(int worker, WorkItems items, FeatureMap input, FeatureMap output);
}
