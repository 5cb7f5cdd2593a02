using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// A layer's packed weights and optional bias in storage buffers, bound where every conv shader reads
/// them (weights at binding 2, bias at 3 in depthwise.comp, pointwise.comp and standard.comp), and released together.
/// </summary>
internal sealed class LayerWeights : IDisposable
{
    private readonly GlBuffer _weights;
    private readonly GlBuffer? _bias;

    private LayerWeights(GpuDevice device, ConvLayer layer, float[] weights, int biasSlices)
    {
        _weights = GlBuffer.FromData(device, weights, layer.Name + ".weights");
        try
        {
            _bias = layer.HasBias ? GlBuffer.FromData(device, WeightPacking.Bias(layer, biasSlices), layer.Name + ".bias") : null;
        }
        catch
        {
            _weights.Dispose();
            throw;
        }
    }

    /// <summary>A depthwise layer's K×K taps per channel slice, and its bias.</summary>
    public static LayerWeights Depthwise(GpuDevice device, ConvLayer layer) =>
        new(device, layer, WeightPacking.Depthwise(layer), Pack4.Slices(layer.OutChannels));

    /// <summary>A pointwise or standard layer's mat4 blocks over <paramref name="slices"/> output slices (padded to the variant's block), and its bias.</summary>
    public static LayerWeights Dense(GpuDevice device, ConvLayer layer, int slices) =>
        new(device, layer, WeightPacking.Dense(layer, slices), slices);

    /// <summary>Binds the weights to storage binding 2 and the bias (when there is one) to 3.</summary>
    public void Bind()
    {
        _weights.Bind(2);
        _bias?.Bind(3);
    }

    /// <summary>Deletes both buffers.</summary>
    public void Dispose()
    {
        _weights.Dispose();
        _bias?.Dispose();
    }
}
