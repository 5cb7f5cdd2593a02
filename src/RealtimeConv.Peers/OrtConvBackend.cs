using RealtimeConv.Kernels;
using RealtimeConv.Layers;

namespace RealtimeConv.Peers;

/// <summary>
/// ONNX Runtime's CPU Conv as a backend ("ort"): our peer in the bench and the oracle the reference
/// kernels are tested against. Each prepared layer is its own session over a one-layer model built
/// in code. The backend owns what it prepares and disposes it with itself; it is not thread-safe.
/// </summary>
public sealed class OrtConvBackend : IConvBackend
{
    private readonly List<IDisposable> _owned = [];
    private bool _disposed;

    /// <summary>Creates the backend with <paramref name="options"/> (default: 2 intra-op threads).</summary>
    public OrtConvBackend(OrtConvOptions? options = null) => Options = options ?? OrtConvOptions.Default;

    /// <summary>The session settings every prepared layer gets.</summary>
    public OrtConvOptions Options { get; }

    /// <inheritdoc />
    public string Name => "ort";

    /// <inheritdoc />
    public IConvPass Prepare(ConvLayer layer) => PrepareLayer(layer);

    /// <summary><see cref="Prepare"/> with the concrete type, for callers that want its <see cref="OrtBinding"/>.</summary>
    public OrtConvPass PrepareLayer(ConvLayer layer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pass = new OrtConvPass(layer, Options);
        _owned.Add(pass);
        return pass;
    }

    /// <summary>
    /// One session over several layers run back to back (e.g. depthwise then pointwise), the way a
    /// PyTorch model exported to ONNX would deploy a separable block.
    /// </summary>
    public OrtConvSession PrepareChain(IReadOnlyList<ConvLayer> layers, string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var session = new OrtConvSession(layers, Options, name);
        _owned.Add(session);
        return session;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
    }
}
