using RealtimeConv.Cost;
using RealtimeConv.Layers;

namespace RealtimeConv.App.Bench;

/// <summary>
/// The three layers timed for one shape, with seeded random weights and biases, stride 1, bias and
/// ReLU on each (as in MobileNet; ORT fuses Conv+Relu, our kernels fold them in).
/// </summary>
internal sealed record BenchLayers(BenchShape Shape, ConvLayer Standard, ConvLayer Depthwise, ConvLayer Pointwise)
{
    /// <summary>Builds the layers of <paramref name="shape"/> from <paramref name="seed"/>.</summary>
    public static BenchLayers Create(BenchShape shape, int seed)
    {
        var random = new Random(seed);
        int m = shape.M, n = shape.N, k = shape.K;
        var standard = ConvLayer.Standard("standard", m, n, k, 1, Uniform(n * m * k * k, m * k * k, random), Uniform(n, 1, random), Activation.Relu);
        var depthwise = ConvLayer.Depthwise("depthwise", m, 1, k, 1, Uniform(m * k * k, k * k, random), Uniform(m, 1, random), Activation.Relu);
        var pointwise = ConvLayer.Pointwise("pointwise", m, n, 1, Uniform(n * m, m, random), Uniform(n, 1, random), Activation.Relu);
        return new BenchLayers(shape, standard, depthwise, pointwise);
    }

    /// <summary>Multiply-adds of <paramref name="op"/> on this shape (ConvCost; separable = depthwise + pointwise).</summary>
    public long Multiplications(BenchOp op) => op switch
    {
        BenchOp.Standard => ConvCost.Multiplications(Standard, Shape.Height, Shape.Width),
        BenchOp.Depthwise => ConvCost.Multiplications(Depthwise, Shape.Height, Shape.Width),
        BenchOp.Pointwise => ConvCost.Multiplications(Pointwise, Shape.Height, Shape.Width),
        BenchOp.Separable or BenchOp.Fused => ConvCost.Multiplications(Depthwise, Shape.Height, Shape.Width) + ConvCost.Multiplications(Pointwise, Shape.Height, Shape.Width),
        BenchOp.MemoryRoof or BenchOp.ComputeRoof => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>Uniform in ±sqrt(3 / fanIn): unit-variance outputs for unit-variance inputs, so values stay finite and ReLU matters.</summary>
    internal static float[] Uniform(int count, int fanIn, Random random)
    {
        float scale = MathF.Sqrt(3f / fanIn);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (random.NextSingle() * 2f - 1f) * scale;
        return values;
    }
}
