using RealtimeConv.Tensors;

namespace RealtimeConv.App.Bench;

/// <summary>
/// The feature maps of one shape in one choice of layouts, allocated once and shared by every backend that
/// chose the same (runs are sequential): the input, one output per op, and the intermediate map between
/// separable's two passes.
/// </summary>
internal sealed class BenchMaps
{
    /// <summary>
    /// Allocates the maps for <paramref name="shape"/>, a map of C channels in <c>layoutOf(C)</c>, and fills the
    /// input with seeded noise in [−1, 1): the same values whatever the layouts.
    /// </summary>
    public BenchMaps(BenchShape shape, int seed, Func<int, ChannelLayout> layoutOf)
    {
        int h = shape.Height, w = shape.Width;
        ChannelLayout m = layoutOf(shape.M), n = layoutOf(shape.N);
        Input = new FeatureMap(shape.M, h, w, m);
        var random = new Random(seed);
        for (int c = 0; c < shape.M; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    Input[c, y, x] = random.NextSingle() * 2f - 1f;
        Standard = new FeatureMap(shape.N, h, w, n);
        Depthwise = new FeatureMap(shape.M, h, w, m);
        Pointwise = new FeatureMap(shape.N, h, w, n);
        Intermediate = new FeatureMap(shape.M, h, w, m);
        CopyTarget = new FeatureMap(shape.M, h, w, m);
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
