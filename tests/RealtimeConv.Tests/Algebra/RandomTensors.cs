using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Algebra;

/// <summary>Seeded random weights and images for the algebra, pipeline and executor tests.</summary>
internal static class RandomTensors
{
    /// <summary>Uniform values in [−1, 1): zero mean, variance 1/3.</summary>
    public static float[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    public static FeatureMap Map(int channels, int height, int width, int seed) =>
        FeatureMap.FromPlanar(Uniform(channels * height * width, seed), channels, height, width);
}
