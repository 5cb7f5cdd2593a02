using RealtimeConv.Cost;
using RealtimeConv.Layers;

namespace RealtimeConv.Tests.Cost;

/// <summary>The cost model against the seed's formulas, worked out by hand.</summary>
public sealed class ConvCostTests
{
    [Fact]
    public void MobileNetPaperExample()
    {
        // MobileNet §3.1: DK = 3, M = 512, N = 512, DF = 14 → standard 3·3·512·512·14·14 = 462,422,016
        // and separable 3·3·512·14·14 + 512·512·14·14 = 903,168 + 51,380,224 = 52,283,392.
        Assert.Equal(462_422_016L, ConvCost.Standard(512, 512, 3, 14 * 14));
        Assert.Equal(52_283_392L, ConvCost.Separable(512, 512, 3, 14 * 14));
        Assert.Equal(1.0 / 512 + 1.0 / 9, ConvCost.SeparableOverStandard(512, 3), 12);
    }

    [Fact]
    public void LayerCountsFollowTheFormulasWithStride()
    {
        // 3→16, K=3 on 1920×1080: standard 16·(1920·1080)·9·3 multiplications.
        var standard = ConvLayer.Standard("s", 3, 16, 3, 1, new float[16 * 3 * 9]);
        Assert.Equal(16L * 1920 * 1080 * 9 * 3, ConvCost.Multiplications(standard, 1080, 1920));

        // Stride 2 on 7×5 gives a 4×3 output: DG² = 12.
        var depthwise = ConvLayer.Depthwise("d", 4, 2, 5, 2, new float[8 * 25]);
        Assert.Equal(12L * 25 * 4 * 2, ConvCost.Multiplications(depthwise, 7, 5));

        var pointwise = ConvLayer.Pointwise("p", 8, 6, 1, new float[6 * 8]);
        Assert.Equal(8L * 6 * 10 * 10, ConvCost.Multiplications(pointwise, 10, 10));
    }

    [Fact]
    public void SeparableIsDepthwisePlusPointwiseAndRatioMatches()
    {
        const int m = 32, n = 64, k = 5, side = 20;
        var dw = ConvLayer.Depthwise("d", m, 1, k, 1, new float[m * k * k]);
        var pw = ConvLayer.Pointwise("p", m, n, 1, new float[n * m]);
        long separable = ConvCost.Multiplications(dw, side, side) + ConvCost.Multiplications(pw, side, side);
        long standard = ConvCost.Standard(m, n, k, side * side);
        Assert.Equal(ConvCost.Separable(m, n, k, side * side), separable);
        // 400·25·32 + 32·64·400 = 320,000 + 819,200.
        Assert.Equal(1_139_200L, separable);
        Assert.Equal(1.0 / n + 1.0 / (k * k), (double)separable / standard, 12);
        Assert.Equal(1.0 / (1.0 / 64 + 1.0 / 25), ConvCost.TheoreticalSpeedup(n, k), 12);
    }

    [Fact]
    public void GigaflopsCountTwoFlopsPerMultiply()
    {
        Assert.Equal(2.0, ConvCost.GigaflopsPerSecond(1_000_000_000, 1000), 12);
    }
}
