using RealtimeConv.Cost;
using RealtimeConv.Pipelines;

namespace RealtimeConv.Viewer.Compute;

/// <summary>The cost model's multiplications for one resolved chain at one input size, per layer and in total.</summary>
internal sealed class ModeCost
{
    private readonly long[] _perLayer;

    /// <summary>Counts every layer of <paramref name="chain"/> on a <paramref name="height"/>×<paramref name="width"/> input.</summary>
    public ModeCost(ResolvedPipeline chain, int height, int width)
    {
        _perLayer = new long[chain.Layers.Count];
        int h = height, w = width;
        for (int i = 0; i < _perLayer.Length; i++)
        {
            var layer = chain.Layers[i];
            _perLayer[i] = ConvCost.Multiplications(layer, h, w);
            h = layer.OutputSize(h);
            w = layer.OutputSize(w);
        }
    }

    /// <summary>Multiplications of layer <paramref name="index"/>.</summary>
    public long Layer(int index) => _perLayer[index];

    /// <summary>Multiplications of layers 0..<paramref name="last"/>, inclusive.</summary>
    public long Through(int last)
    {
        long total = 0;
        for (int i = 0; i <= last; i++) total += _perLayer[i];
        return total;
    }
}
