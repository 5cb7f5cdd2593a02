using RealtimeConv.Tensors;

namespace RealtimeConv.App.Bench;

/// <summary>
/// The feature maps of one shape, allocated once and shared by every backend (runs are sequential):
/// the input, one output per op, and the intermediate map between separable's two passes.
/// </summary>
internal sealed class BenchMaps
{
    /// <summary>Allocates the maps for <paramref name="shape"/> and fills the input with seeded noise in [−1, 1).</summary>
    public BenchMaps(BenchShape shape, int seed)
    {
        int h = shape.Height, w = shape.Width;
        Input = new FeatureMap(shape.M, h, w);
        var random = new Random(seed);
        for (int c = 0; c < shape.M; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    Input[c, y, x] = random.NextSingle() * 2f - 1f;
        Standard = new FeatureMap(shape.N, h, w);
        Depthwise = new FeatureMap(shape.M, h, w);
        Pointwise = new FeatureMap(shape.N, h, w);
        Intermediate = new FeatureMap(shape.M, h, w);
        CopyTarget = new FeatureMap(shape.M, h, w);
    }

    /// <summary>The M-channel input.</summary>
    public FeatureMap Input { get; }

    /// <summary>Output of the standard convolution.</summary>
    public FeatureMap Standard { get; }

    /// <summary>Output of the depthwise convolution.</summary>
    public FeatureMap Depthwise { get; }

    /// <summary>Output of the pointwise convolution and of separable's second pass.</summary>
    public FeatureMap Pointwise { get; }

    /// <summary>Between separable's depthwise and pointwise passes.</summary>
    public FeatureMap Intermediate { get; }

    /// <summary>Where the memory-roof copy writes the input to.</summary>
    public FeatureMap CopyTarget { get; }
}
