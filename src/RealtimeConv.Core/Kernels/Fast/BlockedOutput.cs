using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// Runs a job whose kernels write blocked maps only (the GEMM passes: their register tile is 16 channels
/// of one pixel) on any output: a blocked output directly, a planar one (a pass down to ≤ 4 channels for a
/// caller that keeps those planar) through a blocked <see cref="StandInMap"/> and one transpose.
/// </summary>
internal sealed class BlockedOutput
{
    private readonly Lock _gate = new();
    private readonly StandInMap _standIn = new();

    /// <summary>Runs <paramref name="job"/> on <paramref name="team"/> from <paramref name="input"/> into <paramref name="output"/>.</summary>
    public void Run(IMapJob job, WorkerTeam team, FeatureMap input, FeatureMap output)
    {
        if (output.Layout == ChannelLayout.Blocked)
        {
            team.Run(job, input, output);
            return;
        }
        lock (_gate)
        {
            var blocked = _standIn.Like(output, ChannelLayout.Blocked);
            team.Run(job, input, blocked);
            output.CopyFrom(blocked);
        }
    }
}
