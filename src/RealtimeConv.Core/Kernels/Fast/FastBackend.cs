using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// The fast managed CPU kernels ("cpu"): SIMD over the channel-blocked layout (AVX2 + FMA where the
/// CPU has them, portable <c>Vector256</c> arithmetic elsewhere), weights packed once per layer, and a
/// fixed team of threads that split each pass into whole items (rows, bands, runs of pixels), each computed by
/// one worker in a fixed order, so results are bit-identical for any thread count and whoever takes an item.
/// </summary>
/// <remarks>
/// Depthwise runs one <c>Vector256</c> per pixel (8 channels), two output rows × 6 pixels in flight
/// at stride 1 (8 pixels of one row otherwise), or on a planar map (3-channel images: <see cref="PreferredLayout"/>)
/// one vector per 8 pixels of a plane, two rows × 48 pixels in flight; pointwise is a GEMM over pixels with a 6-pixel ×
/// 16-channel register tile; standard is an implicit GEMM with the same tile over K² taps × M channels.
/// A depthwise layer and the pointwise layer after it can also run fused (<see cref="PrepareSeparable"/>).
/// Non-temporal stores for large outputs exist but are off by default (see
/// <see cref="DefaultStreamAboveBytes"/>: measured slower here). Dispose the backend to stop its threads.
/// </remarks>
public sealed class FastBackend : IConvBackend, ISeparableFusion
{
    private readonly WorkerTeam _team;
    private readonly bool _fma;
    private readonly long _streamAboveBytes;
    private readonly bool _planarImages;

    /// <summary>Creates the backend with <paramref name="threads"/> workers (default: one per logical core).</summary>
    public FastBackend(int? threads = null)
        : this(threads, forcePortable: false)
    {
    }

    /// <summary>
    /// The same kernels asking for every map blocked, images included ("cpu-blocked"): the plain layout the
    /// planar image path is measured against in <c>rtconv bench</c>.
    /// </summary>
    public static FastBackend BlockedOnly(int? threads = null) => new(threads, forcePortable: false, planarImages: false);

    /// <summary>
    /// Test hook: <paramref name="forcePortable"/> selects the portable arithmetic even where FMA exists;
    /// <paramref name="streamAboveBytes"/> is the output size past which stores bypass the caches
    /// (non-temporal stores; 0 streams every output, null uses <see cref="DefaultStreamAboveBytes"/>).
    /// </summary>
    internal FastBackend(int? threads, bool forcePortable, long? streamAboveBytes = null, bool planarImages = true)
    {
        _planarImages = planarImages;
        _streamAboveBytes = streamAboveBytes ?? DefaultStreamAboveBytes;
        int count = threads ?? Environment.ProcessorCount;
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(threads), count, "the cpu backend needs at least one thread");
        _fma = FmaMath.IsSupported && !forcePortable;
        _team = new WorkerTeam(count);
    }

    /// <summary>
    /// Outputs larger than this are written with non-temporal stores: by default none. The idea (an output
    /// larger than half the last-level cache cannot stay cached, so skip the read-for-ownership of every
    /// line) was measured on the 2-core Zen 3 KVM guest these kernels are tuned on, interleaved with ONNX
    /// Runtime in <c>rtconv bench</c>. First with every kernel streaming its own stores: on the 1080p stem
    /// (3 → 16 channels, 66–133 MB outputs) depthwise took 63–78 ms (min) against 26–34 ms plain, standard
    /// 170–182 against 75–112, pointwise 44–57 against 34–45. Half-written lines were the likely cause, so
    /// depthwise now streams whole lines from cached staging rows (<see cref="LineStreamer"/>); it then
    /// measured level with plain stores (8.6 ms median either way), while standard stayed slower streamed
    /// (37 against 27 ms) and the fused pass 7–12 % slower on 4–17 MB outputs. The memory of these guests
    /// is shared and noisy (a plain copy ran at 12–18 GB/s), so plain stores stay the default; the streaming
    /// path is kept, tested bit-identical, and can be re-enabled per machine once it measures faster there.
    /// </summary>
    internal const long DefaultStreamAboveBytes = long.MaxValue;

    /// <inheritdoc />
    public string Name => _planarImages ? "cpu" : "cpu-blocked";

    /// <summary>Number of worker threads, the calling thread included.</summary>
    public int Threads => _team.Count;

    /// <summary>The arithmetic in use: "avx2-fma" or "portable".</summary>
    public string InstructionPath => _fma ? "avx2-fma" : "portable";

    /// <summary>
    /// Planar for maps of up to <see cref="FeatureMap.PlanarChannelLimit"/> channels (an image), blocked above;
    /// blocked throughout for <see cref="BlockedOnly"/>.
    /// </summary>
    public ChannelLayout PreferredLayout(int channels) => _planarImages ? FeatureMap.PreferredLayout(channels) : ChannelLayout.Blocked;

    /// <inheritdoc />
    public IConvPass Prepare(ConvLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return (layer.Kind, _fma) switch
        {
            (ConvKind.Depthwise, true) => new DepthwisePass<FmaMath>(layer, _team, _streamAboveBytes),
            (ConvKind.Depthwise, false) => new DepthwisePass<PortableMath>(layer, _team, _streamAboveBytes),
            (ConvKind.Pointwise, true) => new PointwisePass<FmaMath>(layer, _team, _streamAboveBytes),
            (ConvKind.Pointwise, false) => new PointwisePass<PortableMath>(layer, _team, _streamAboveBytes),
            (ConvKind.Standard, true) => new StandardPass<FmaMath>(layer, _team, _streamAboveBytes),
            (ConvKind.Standard, false) => new StandardPass<PortableMath>(layer, _team, _streamAboveBytes),
            _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Kind, $"layer '{layer.Name}': unknown kind"),
        };
    }

    /// <summary>
    /// The fused depthwise + pointwise pass (<see cref="FusedSeparablePass{T}"/>) when <paramref name="depthwise"/>
    /// is a depthwise layer and <paramref name="pointwise"/> a stride-1 pointwise layer on its channels; null otherwise.
    /// </summary>
    public ISeparablePass? PrepareSeparable(ConvLayer depthwise, ConvLayer pointwise)
    {
        ArgumentNullException.ThrowIfNull(depthwise);
        ArgumentNullException.ThrowIfNull(pointwise);
        if (!FusedSeparablePass<FmaMath>.CanFuse(depthwise, pointwise)) return null;
        return _fma
            ? new FusedSeparablePass<FmaMath>(depthwise, pointwise, _team, _streamAboveBytes)
            : new FusedSeparablePass<PortableMath>(depthwise, pointwise, _team, _streamAboveBytes);
    }

    /// <summary>Stops the worker threads; passes prepared by this backend cannot run afterwards.</summary>
    public void Dispose() => _team.Dispose();
}
