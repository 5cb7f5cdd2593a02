using RealtimeConv.Algebra;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;
using Xunit.Abstractions;

namespace RealtimeConv.Tests.Algebra;

/// <summary>Compose and fit, checked through the reference kernels, not only on weights.</summary>
public sealed class SeparableAlgebraTests(ITestOutputHelper output)
{
    private static readonly ReferenceBackend Reference = new();

    /// <summary>Two float32 roundings (composed weights, then the sum) against one chain of two.</summary>
    private const float OutputTolerance = 1e-4f;

    /// <summary>Float32 storage of weights that the SVD reproduces to double precision.</summary>
    private const double ExactWeightError = 1e-6;

    /// <summary>
    /// How far the measured relative RMS output error may stray from the reported weight error: the
    /// identity E‖ΔW ⋆ x‖² = ‖ΔW‖²·σ²_x holds in expectation; over ~30k samples the estimate lands within a few tenths of a percent (seen: 0.2 %).
    /// </summary>
    private const double OutputVsWeightErrorTolerance = 0.05;

    [Theory]
    [InlineData(4, 1, 6, 3, 1)]
    [InlineData(3, 2, 5, 5, 2)]
    [InlineData(2, 3, 4, 1, 1)]
    public void ComposedLayerEqualsDepthwiseThenPointwise(int m, int d, int n, int k, int stride)
    {
        var dw = ConvLayer.Depthwise("dw", m, d, k, stride, RandomTensors.Uniform(m * d * k * k, 1), RandomTensors.Uniform(m * d, 2));
        var pw = ConvLayer.Pointwise("pw", m * d, n, 1, RandomTensors.Uniform(n * m * d, 3), RandomTensors.Uniform(n, 4), Activation.Relu);
        var composed = SeparableAlgebra.Compose(dw, pw);

        Assert.Equal((ConvKind.Standard, m, n, k, stride, Activation.Relu), (composed.Kind, composed.InChannels, composed.OutChannels, composed.Kernel, composed.Stride, composed.Activation));
        var input = RandomTensors.Map(m, 11, 9, 5);
        var twoPass = Reference.Prepare(pw).Run(Reference.Prepare(dw).Run(input));
        var onePass = Reference.Prepare(composed).Run(input);
        AssertClose(twoPass, onePass);
    }

    [Fact]
    public void ComposingZeroKernelsGivesZeroWeightsAndKeepsTheBias()
    {
        var dw = ConvLayer.Depthwise("dw", 2, 2, 3, 1, new float[4 * 9], bias: [1, 2, 3, 4]);
        var pw = ConvLayer.Pointwise("pw", 4, 3, 1, new float[12], bias: [0.5f, 0, -1]);
        var composed = SeparableAlgebra.Compose(dw, pw);
        Assert.All(composed.Weights.ToArray(), v => Assert.Equal(0f, v));
        // bias[n] = b_pw[n] + Σ_c P[n, c]·b_dw[c] = b_pw[n], since P is zero.
        Assert.Equal(new[] { 0.5f, 0, -1 }, composed.Bias.ToArray());
    }

    [Fact]
    public void ComposeRefusesAnActivationBetweenThePasses()
    {
        var dw = ConvLayer.Depthwise("dw", 2, 1, 3, 1, new float[18], activation: Activation.Relu);
        var pw = ConvLayer.Pointwise("pw", 2, 2, 1, new float[4]);
        var e = Assert.Throws<ArgumentException>(() => SeparableAlgebra.Compose(dw, pw));
        Assert.Contains("'dw'", e.Message);
    }

    [Theory]
    [InlineData(3, 4, 3, 4)]   // d = min(N, K²) = N
    [InlineData(5, 12, 3, 9)]  // d = K²
    [InlineData(4, 6, 1, 1)]   // K = 1: every slice is rank 1
    [InlineData(2, 3, 3, 5)]   // d past min(N, K²): extra filters are zero
    public void FitThenComposeGivesBackTheWeightsWhenDIsFullRank(int m, int n, int k, int d)
    {
        var standard = ConvLayer.Standard("std", m, n, k, 2, RandomTensors.Uniform(n * m * k * k, 7), RandomTensors.Uniform(n, 8), Activation.Relu6);
        var fit = SeparableAlgebra.Fit(standard, d);
        Assert.True(fit.RelativeError < ExactWeightError, $"error {fit.RelativeError}");
        Assert.All(fit.ChannelErrors, e => Assert.True(e < ExactWeightError));

        var back = SeparableAlgebra.Compose(fit.Depthwise, fit.Pointwise);
        Assert.Equal((standard.Stride, standard.Activation), (back.Stride, back.Activation));
        for (int i = 0; i < standard.WeightCount; i++)
            Assert.True(Math.Abs(standard.Weights[i] - back.Weights[i]) < 1e-5f, $"weight {i}: {standard.Weights[i]} vs {back.Weights[i]}");
        Assert.Equal(standard.Bias.ToArray(), back.Bias.ToArray());
    }

    [Fact]
    public void FitOfAComposedRankOneBlockIsExactAtMultiplierOne()
    {
        var dw = ConvLayer.Depthwise("dw", 3, 1, 5, 1, RandomTensors.Uniform(3 * 25, 9));
        var pw = ConvLayer.Pointwise("pw", 3, 8, 1, RandomTensors.Uniform(24, 10));
        var fit = SeparableAlgebra.Fit(SeparableAlgebra.Compose(dw, pw), 1);
        Assert.True(fit.RelativeError < ExactWeightError, $"error {fit.RelativeError}");
    }

    [Fact]
    public void ErrorShrinksWithTheMultiplierAndPerChannelErrorsAddUp()
    {
        int m = 3, n = 8, k = 3;
        var w = RandomTensors.Uniform(n * m * k * k, 11);
        var standard = ConvLayer.Standard("std", m, n, k, 1, w);
        double previous = double.PositiveInfinity;
        for (int d = 1; d <= 8; d++)
        {
            var fit = SeparableAlgebra.Fit(standard, d);
            Assert.True(fit.RelativeError < previous, $"d = {d}: {fit.RelativeError} ≥ {previous}");
            previous = fit.RelativeError;

            // ‖ΔW‖² = Σ_m e_m² ‖A_m‖², so the total is the norm-weighted mean of the channel errors.
            double diff = 0, norm = 0;
            for (int im = 0; im < m; im++)
            {
                double slice = 0;
                for (int on = 0; on < n; on++)
                    for (int t = 0; t < k * k; t++) slice += Math.Pow(w[(on * m + im) * k * k + t], 2);
                diff += fit.ChannelErrors[im] * fit.ChannelErrors[im] * slice;
                norm += slice;
            }
            Assert.Equal(fit.RelativeError, Math.Sqrt(diff / norm), 9);
        }
    }

    [Fact]
    public void FitOfAllZeroWeightsIsZeroWithoutNaN()
    {
        var standard = ConvLayer.Standard("zero", 2, 3, 3, 1, new float[2 * 3 * 9]);
        var fit = SeparableAlgebra.Fit(standard, 2);
        Assert.Equal(0.0, fit.RelativeError);
        Assert.All(fit.ChannelErrors, e => Assert.Equal(0.0, e));
        Assert.All(fit.Depthwise.Weights.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(fit.Pointwise.Weights.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ReportedWeightErrorPredictsTheOutputError()
    {
        // For iid zero-mean input of variance σ², an interior output y_n = Σ_{m,t} W[n,m,t]·x_{m,t} has
        // E Σ_n y_n² = σ²‖W‖²_F, and the same for ΔW = W − W_fit. So RMS(Δy) / RMS(y) → ‖ΔW‖ / ‖W‖.
        int m = 4, n = 8, k = 3, side = 64;
        var standard = ConvLayer.Standard("std", m, n, k, 1, RandomTensors.Uniform(n * m * k * k, 12));
        var input = RandomTensors.Map(m, side, side, 13);
        var exact = Reference.Prepare(standard).Run(input);
        foreach (int d in new[] { 1, 2, 4 })
        {
            var fit = SeparableAlgebra.Fit(standard, d);
            var approx = Reference.Prepare(fit.Pointwise).Run(Reference.Prepare(fit.Depthwise).Run(input));
            double diff = 0, norm = 0;
            int pad = k / 2;
            for (int c = 0; c < n; c++)
                for (int y = pad; y < side - pad; y++)
                    for (int x = pad; x < side - pad; x++)
                    {
                        diff += Math.Pow(exact[c, y, x] - approx[c, y, x], 2);
                        norm += Math.Pow(exact[c, y, x], 2);
                    }
            double measured = Math.Sqrt(diff / norm);
            output.WriteLine($"d = {d}: reported weight error {fit.RelativeError:F4}, measured output error {measured:F4}");
            Assert.True(Math.Abs(measured / fit.RelativeError - 1) < OutputVsWeightErrorTolerance,
                $"d = {d}: output error {measured:F4}, reported weight error {fit.RelativeError:F4}");
        }
    }

    private static void AssertClose(FeatureMap expected, FeatureMap actual)
    {
        Assert.Equal(expected.ShapeText, actual.ShapeText);
        for (int c = 0; c < expected.Channels; c++)
            for (int y = 0; y < expected.Height; y++)
                for (int x = 0; x < expected.Width; x++)
                {
                    float e = expected[c, y, x], a = actual[c, y, x];
                    Assert.True(Math.Abs(e - a) <= OutputTolerance * (1 + Math.Abs(e)), $"({c},{y},{x}): {e} vs {a}");
                }
    }
}
