using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// One layer prepared for the GPU: it owns the layer's packed weights and any scratch buffers, and
/// records its dispatches between two GPU-resident maps. Used on the GL thread only.
/// </summary>
public interface IGpuPass : IDisposable
{
    /// <summary>The layer computed.</summary>
    ConvLayer Layer { get; }

    /// <summary>The shader file the pass runs, e.g. "depthwise.comp".</summary>
    string ShaderFile { get; }

    /// <summary>
    /// Issues the pass's dispatches from <paramref name="input"/> into <paramref name="output"/>, which
    /// must already have the layer's output shape; ends with a shader-storage barrier.
    /// </summary>
    void Encode(GpuFeatureMap input, GpuFeatureMap output);
}
