using RealtimeConv.Layers;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// The fast managed CPU kernels ("cpu"): SIMD over the channel-blocked layout (AVX2 + FMA where the
/// CPU has them, portable <c>Vector256</c> arithmetic elsewhere), weights packed once per layer, and a
/// fixed team of threads that split each pass statically, so results are bit-identical for any
/// thread count.
/// </summary>
/// <remarks>
/// Depthwise runs one <c>Vector256</c> per pixel (8 channels) with 8 pixels in flight; pointwise is a
/// GEMM over pixels with a 6-pixel × 16-channel register tile; standard is an implicit GEMM with the
/// same tile over K² taps × M channels. Dispose the backend to stop its threads.
/// </remarks>
public sealed class FastBackend : IConvBackend
{
    private readonly WorkerTeam _team;
    private readonly bool _fma;

    /// <summary>Creates the backend with <paramref name="threads"/> workers (default: one per logical core).</summary>
    public FastBackend(int? threads = null)
        : this(threads, forcePortable: false)
    {
    }

    /// <summary>Test hook: <paramref name="forcePortable"/> selects the portable arithmetic even where FMA exists.</summary>
    internal FastBackend(int? threads, bool forcePortable)
    {
        int count = threads ?? Environment.ProcessorCount;
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(threads), count, "the cpu backend needs at least one thread");
        _fma = FmaMath.IsSupported && !forcePortable;
        _team = new WorkerTeam(count);
    }

    /// <inheritdoc />
    public string Name => "cpu";

    /// <summary>Number of worker threads, the calling thread included.</summary>
    public int Threads => _team.Count;

    /// <summary>The arithmetic in use: "avx2-fma" or "portable".</summary>
    public string InstructionPath => _fma ? "avx2-fma" : "portable";

    /// <inheritdoc />
    public IConvPass Prepare(ConvLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return (layer.Kind, _fma) switch
        {
            (ConvKind.Depthwise, true) => new DepthwisePass<FmaMath>(layer, _team),
            (ConvKind.Depthwise, false) => new DepthwisePass<PortableMath>(layer, _team),
            (ConvKind.Pointwise, true) => new PointwisePass<FmaMath>(layer, _team),
            (ConvKind.Pointwise, false) => new PointwisePass<PortableMath>(layer, _team),
            (ConvKind.Standard, true) => new StandardPass<FmaMath>(layer, _team),
            (ConvKind.Standard, false) => new StandardPass<PortableMath>(layer, _team),
            _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Kind, $"layer '{layer.Name}': unknown kind"),
        };
    }

    /// <summary>Stops the worker threads; passes prepared by this backend cannot run afterwards.</summary>
    public void Dispose() => _team.Dispose();
}
