using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels;

/// <summary>A depthwise layer and the pointwise layer after it, prepared as one fused pass.</summary>
public interface ISeparablePass
{
    /// <summary>The first layer (depthwise).</summary>
    ConvLayer Depthwise { get; }

    /// <summary>The second layer (pointwise, stride 1).</summary>
    ConvLayer Pointwise { get; }

    /// <summary>
    /// Computes <c>Pointwise(Depthwise(input))</c> into <paramref name="output"/>, which must have
    /// <c>Pointwise.OutChannels</c> channels and <c>Depthwise.OutputSize</c> of the input's sides. Every value
    /// of the output, block padding included, is written; no intermediate map is produced.
    /// </summary>
    void Run(FeatureMap input, FeatureMap output);
}
