namespace RealtimeConv.Kernels.Fast;

/// <summary>Work that <see cref="WorkerTeam"/> splits statically: every worker runs its own share.</summary>
internal interface IPartitionedJob
{
    /// <summary>Runs share <paramref name="worker"/> of <paramref name="workers"/>; shares never overlap.</summary>
    void Execute(int worker, int workers);
}
