using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Passes;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Kernels;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu;

/// <summary>
/// The "gpu" backend: GLSL compute shaders on a headless OpenGL 4.3+ context that it creates and owns
/// on its own GL thread. Passes it prepares run there; disposing the backend deletes them all and
/// destroys the context. Each pass runs the shader variant its <see cref="VariantSelector"/> picks,
/// and thin depthwise + pointwise pairs can run fused (<see cref="PrepareSeparable"/>).
/// </summary>
public sealed class GpuBackend : IConvBackend, ISeparableFusion
{
    private readonly GlThread _thread;
    private readonly List<GpuConvPass> _passes = [];
    private bool _disposed;

    /// <summary>
    /// Creates the context and reads shaders from <paramref name="shaderDirectory"/> (default: the
    /// "shaders" folder next to the program). Throws <see cref="GpuUnavailableException"/> without GL 4.3.
    /// <paramref name="variants"/> picks shader variants (default: <see cref="VariantSelector.FromEnvironment"/>,
    /// timing each pass's variants once per renderer and shape class, remembered in the user's cache).
    /// </summary>
    public GpuBackend(string? shaderDirectory = null, EglPlatform platform = EglPlatform.Auto, bool watchShaders = false, VariantSelector? variants = null)
    {
        Variants = variants ?? VariantSelector.FromEnvironment();
        _thread = GlThread.StartHeadless(platform);
        try
        {
            (Device, Shaders) = _thread.Invoke(() =>
            {
                var device = new GpuDevice(_thread.Context);
                return (device, new ShaderLibrary(device, shaderDirectory ?? ShaderLibrary.DefaultDirectory, watchShaders));
            });
        }
        catch
        {
            _thread.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string Name => "gpu";

    /// <summary>The thread every GL call of this backend runs on.</summary>
    public GlThread Thread => _thread;

    /// <summary>The context's device (use inside <see cref="GlThread.Invoke{T}"/>).</summary>
    public GpuDevice Device { get; }

    /// <summary>The compiled programs (use inside <see cref="GlThread.Invoke{T}"/>).</summary>
    public ShaderLibrary Shaders { get; }

    /// <summary>How this backend's passes pick their shader variants.</summary>
    public VariantSelector Variants { get; }

    /// <summary>Vendor, renderer, version and compute limits of the context.</summary>
    public GpuInfo Info => Device.Info;

    /// <inheritdoc />
    public IConvPass Prepare(ConvLayer layer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pass = _thread.Invoke(() => new GpuConvPass(_thread, Device, GpuPassFactory.Create(Device, Shaders, layer, Variants)));
        lock (_passes) _passes.Add(pass);
        return pass;
    }

    /// <summary>
    /// <paramref name="depthwise"/> then <paramref name="pointwise"/> as one fused pass (separable.comp):
    /// the intermediate map never leaves the GPU's registers. Null when the pair cannot fuse
    /// (<see cref="SeparablePass.WhyNot"/>: not a matching pair, a strided pointwise, or more than 32 channels).
    /// The pass's <see cref="IConvPass.Layer"/> describes the pair's shape (see <see cref="SeparablePass.Layer"/>).
    /// </summary>
    public ISeparablePass? PrepareSeparable(ConvLayer depthwise, ConvLayer pointwise)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!SeparablePass.CanFuse(depthwise, pointwise)) return null;
        var pass = _thread.Invoke(() => new GpuConvPass(_thread, Device, GpuPassFactory.CreateSeparable(Device, Shaders, depthwise, pointwise, Variants)));
        lock (_passes) _passes.Add(pass);
        return new GpuSeparablePass(pass, depthwise, pointwise);
    }

    /// <summary>
    /// Creates a chain of <paramref name="layers"/> on this backend's context, with this backend's
    /// variant choice (dispose it before the backend); <paramref name="fuseSeparable"/> as in <see cref="GpuChain"/>.
    /// </summary>
    public GpuChain CreateChain(IReadOnlyList<ConvLayer> layers, bool fuseSeparable = false) =>
        _thread.Invoke(() => new GpuChain(Device, Shaders, layers, fuseSeparable, Variants));

    /// <summary>Makes a headless context only to report what the GPU and driver are (for <c>rtconv info</c>).</summary>
    public static GpuInfo ProbeInfo(EglPlatform platform = EglPlatform.Auto)
    {
        using var thread = GlThread.StartHeadless(platform);
        return thread.Invoke(() => GpuDevice.QueryInfo(thread.Context.Gl));
    }

    /// <summary>Deletes every pass and program and destroys the context. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        lock (_passes)
        {
            foreach (var pass in _passes) pass.Dispose();
            _passes.Clear();
        }
        _thread.Invoke(Shaders.Dispose);
        _thread.Dispose();
    }
}
