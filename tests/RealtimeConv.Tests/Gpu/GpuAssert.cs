using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Gpu;

/// <summary>The GPU-vs-CPU comparison, with the tolerance written once.</summary>
internal static class GpuAssert
{
    /// <summary>
    /// float32 sums in a different order than the double-accumulating reference: an error of
    /// 1e-4·(1 + |ref|) allows for ~K²·M rounding steps on values of order one.
    /// </summary>
    public const float Tolerance = 1e-4f;

    public static void Close(FeatureMap expected, FeatureMap actual, string what)
    {
        Assert.Equal((expected.Channels, expected.Height, expected.Width), (actual.Channels, actual.Height, actual.Width));
        for (int c = 0; c < expected.Channels; c++)
            for (int y = 0; y < expected.Height; y++)
                for (int x = 0; x < expected.Width; x++)
                {
                    float e = expected[c, y, x], a = actual[c, y, x];
                    if (!(MathF.Abs(e - a) <= Tolerance * (1 + MathF.Abs(e))))
                        Assert.Fail($"{what}: channel {c} at ({y}, {x}): GPU {a}, reference {e}");
                }
        // Block padding channels must come back as zeros (a planar map has none).
        for (int c = actual.Channels; c < actual.Blocks * actual.Lanes; c++)
            for (int y = 0; y < actual.Height; y++)
                for (int x = 0; x < actual.Width; x++)
                {
                    float v = actual.Span[actual.IndexOf(c, y, x)];
                    if (v != 0) Assert.Fail($"{what}: padding channel {c} at ({y}, {x}) is {v}, not 0");
                }
    }

    public static FeatureMap RandomMap(Random random, int channels, int height, int width)
    {
        var values = new float[channels * height * width];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 4 - 2);
        return FeatureMap.FromPlanar(values, channels, height, width);
    }

    public static float[] RandomWeights(Random random, int count, double scale)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return values;
    }
}
