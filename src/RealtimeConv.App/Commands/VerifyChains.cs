using RealtimeConv.Layers;

namespace RealtimeConv.App.Commands;

/// <summary>
/// The built-in chains `rtconv verify` runs on the GPU and on the reference: one per shader feature
/// (standard, depthwise, pointwise, multiplier 2, stride 2, K = 5 and 7). Weights are random with a
/// fixed seed and scaled by 1/sqrt(fan-in) so values stay of order one through the chain.
/// </summary>
internal static class VerifyChains
{
    /// <summary>Input channels of every built-in chain (an RGB image).</summary>
    public const int InputChannels = 3;

    public static IEnumerable<(string Name, ConvLayer[] Layers)> All()
    {
        var random = new Random(20260);
        yield return ("standard", [Standard(random, "conv1", 3, 16, 3, 1, Activation.Relu), Standard(random, "conv2", 16, 8, 3, 1, Activation.None)]);
        yield return ("depthwise", [Standard(random, "stem", 3, 12, 1, 1, Activation.Relu), Depthwise(random, "dw", 12, 1, 3, 1, Activation.Relu6)]);
        yield return ("pointwise", [Pointwise(random, "pw1", 3, 13, 1, Activation.Relu), Pointwise(random, "pw2", 13, 6, 1, Activation.None)]);
        yield return ("d=2", [Depthwise(random, "dw-d2", 3, 2, 3, 1, Activation.Relu), Pointwise(random, "pw", 6, 5, 1, Activation.Relu6)]);
        yield return ("stride 2", [Standard(random, "conv-s2", 3, 8, 3, 2, Activation.Relu), Depthwise(random, "dw-s2", 8, 1, 3, 2, Activation.Relu6), Pointwise(random, "pw-s2", 8, 4, 2, Activation.None)]);
        yield return ("K=5/7", [Standard(random, "conv5", 3, 6, 5, 1, Activation.Relu), Depthwise(random, "dw7", 6, 1, 7, 1, Activation.None), Standard(random, "conv7", 6, 3, 7, 2, Activation.Relu6)]);
    }

    private static float[] Random(Random random, int count, double scale)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return values;
    }

    private static ConvLayer Standard(Random random, string name, int m, int n, int k, int stride, Activation activation) =>
        ConvLayer.Standard(name, m, n, k, stride, Random(random, n * m * k * k, 1 / Math.Sqrt(m * k * k)), Random(random, n, 0.5), activation);

    private static ConvLayer Depthwise(Random random, string name, int m, int d, int k, int stride, Activation activation) =>
        ConvLayer.Depthwise(name, m, d, k, stride, Random(random, m * d * k * k, 1.0 / k), Random(random, m * d, 0.5), activation);

    private static ConvLayer Pointwise(Random random, string name, int m, int n, int stride, Activation activation) =>
        ConvLayer.Pointwise(name, m, n, stride, Random(random, n * m, 1 / Math.Sqrt(m)), Random(random, n, 0.5), activation);
}
