using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// Lets a pass whose kernels compute in particular layouts take maps in any layout: an input in another
/// layout is copied into a stand-in map first, and an output in another layout is computed into a stand-in
/// and copied out after (<see cref="FeatureMap.CopyFrom"/>). A map already in the kernels' layout is used as
/// it is. The copies run on the pass's workers, which take bands of rows as items. The stand-ins are kept for
/// the next run and replaced only when a shape or layout changes, so a steady stream of frames allocates
/// nothing. Not thread-safe: the owning pass serialises its runs.
/// </summary>
internal sealed class LayoutStandIns(WorkerTeam team)
{
    private readonly StandInMap _input = new();
    private readonly StandInMap _output = new();
    private readonly RowBandCopy _copy = new();

    /// <summary>
    /// The maps to compute on: <paramref name="input"/> in <paramref name="inputLayout"/> (copied in when it is
    /// not) and <paramref name="output"/> in <paramref name="outputLayout"/> (a stand-in when it is not; pass the
    /// pair to <see cref="Finish"/> after computing).
    /// </summary>
    public (FeatureMap Source, FeatureMap Target) Begin(FeatureMap input, ChannelLayout inputLayout, FeatureMap output, ChannelLayout outputLayout)
    {
        var source = input;
        if (input.Layout != inputLayout)
        {
            source = _input.Like(input, inputLayout);
            team.Run(_copy, input, source);
        }
        var target = output.Layout == outputLayout ? output : _output.Like(output, outputLayout);
        return (source, target);
    }

    /// <summary>
    /// Whether <paramref name="map"/> is this pass's output stand-in: it is read straight back by
    /// <see cref="Finish"/>, so it must not be written past the caches.
    /// </summary>
    public bool IsOutputStandIn(FeatureMap map) => _output.Holds(map);

    /// <summary>Copies <paramref name="target"/> into <paramref name="output"/> when it was a stand-in.</summary>
    public void Finish(FeatureMap target, FeatureMap output)
    {
        if (target != output) team.Run(_copy, target, output);
    }

    /// <summary>Converts the input map into the output map a band of <see cref="BandRows"/> rows at a time (<see cref="FeatureMap.CopyRows"/>).</summary>
    private sealed class RowBandCopy : IMapJob
    {
        /// <summary>Rows per item: enough to keep the per-item cost of taking it negligible.</summary>
        private const int BandRows = 8;

        public int CountItems(FeatureMap input, FeatureMap output) => (output.Height + BandRows - 1) / BandRows;

        public void Execute(int worker, WorkItems items, FeatureMap input, FeatureMap output)
        {
            while (items.TryTake(worker, out int band))
                output.CopyRows(input, band * BandRows, Math.Min(output.Height, (band + 1) * BandRows));
        }
    }
}
