using RealtimeConv.App.Backends;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Kernels.Fast;

/// <summary>The SIMD kernels against the reference oracle, across thread counts and instruction paths.</summary>
public sealed class FastBackendTests
{
    /// <summary>
    /// Float32 accumulation (fused or not, in a different order) against the oracle's double sums:
    /// |fast − ref| ≤ RelativeTolerance · (1 + |ref|). Sums here have at most ~850 terms of size ≤ 1.
    /// </summary>
    private const float RelativeTolerance = 1e-4f;

    private static readonly ReferenceBackend Reference = new();

    private static readonly (int H, int W)[] Sizes = [(1, 1), (1, 9), (9, 1), (2, 3), (7, 7), (13, 31), (31, 13), (24, 24), (33, 40), (6, 50)];
    private static readonly int[] ChannelCounts = [1, 3, 5, 8, 13, 17];
    private static readonly int[] OutChannelCounts = [1, 3, 8, 16, 17, 24, 33];
    private static readonly int[] Kernels = [1, 3, 5, 7];
    private static readonly int[] Multipliers = [1, 2, 3, 4];

    /// <summary>
    /// Seeded cases per kind. K, stride, bias and activation cycle through every value (so each appears
    /// with each kind); channel counts and sizes are drawn at random from lists that include 1×1 and
    /// 1×N images, odd widths and channel counts that are not multiples of 8.
    /// </summary>
    public static TheoryData<ConvKind, int, int, int, int, int, int, bool, Activation> Cases()
    {
        var data = new TheoryData<ConvKind, int, int, int, int, int, int, bool, Activation>();
        var random = new Random(20261128);
        foreach (var kind in new[] { ConvKind.Depthwise, ConvKind.Pointwise, ConvKind.Standard })
        {
            for (int i = 0; i < 24; i++)
            {
                int k = kind == ConvKind.Pointwise ? 1 : Kernels[i % Kernels.Length];
                int stride = i / 4 % 2 + 1;
                var activation = (Activation)(i % 3);
                bool bias = i % 2 == 0;
                var (h, w) = Sizes[random.Next(Sizes.Length)];
                int m = ChannelCounts[random.Next(ChannelCounts.Length)];
                // (i + i / 4) walks every (K, d) pair over 16 cases instead of tying each d to one K.
                int second = kind == ConvKind.Depthwise ? Multipliers[(i + i / Kernels.Length) % Multipliers.Length] : OutChannelCounts[random.Next(OutChannelCounts.Length)];
                data.Add(kind, m, second, h, w, k, stride, bias, activation);
            }
        }
        // The pointwise reduction split into channel blocks (partial sums through the output).
        data.Add(ConvKind.Pointwise, PointwisePass<FmaMath>.ChannelBlock + 44, 20, 5, 7, 1, 1, true, Activation.Relu6);
        data.Add(ConvKind.Pointwise, 2 * PointwisePass<FmaMath>.ChannelBlock + 3, 9, 3, 4, 1, 2, false, Activation.None);
        // The image stem: 3 channels in, two full 16-channel tiles out, wide rows.
        data.Add(ConvKind.Standard, 3, 32, 9, 64, 3, 1, true, Activation.Relu);
        data.Add(ConvKind.Standard, 3, 16, 10, 61, 3, 2, true, Activation.Relu6);
        // Kernel wider than the image: every column is an edge column.
        data.Add(ConvKind.Standard, 5, 16, 4, 3, 7, 1, true, Activation.None);
        data.Add(ConvKind.Depthwise, 13, 1, 3, 2, 7, 2, true, Activation.None);
        data.Add(ConvKind.Depthwise, 16, 1, 64, 64, 3, 1, true, Activation.Relu);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTheReferenceOnBothInstructionPaths(ConvKind kind, int m, int second, int h, int w, int k, int stride, bool bias, Activation activation)
    {
        var layer = RandomLayer(kind, m, second, k, stride, bias, activation, seed: m * 1000 + h * 10 + w);
        var input = RandomMap(m, h, w, seed: h * 31 + w);
        var expected = Reference.Prepare(layer).Run(input);

        using var fma = new FastBackend(threads: 2);
        using var portable = new FastBackend(threads: 2, forcePortable: true);
        // Every output written with non-temporal stores, on three threads: the same bits as plain stores on two.
        using var streaming = new FastBackend(threads: 3, forcePortable: false, streamAboveBytes: 0);
        float[]? plainBits = null;
        foreach (var backend in new[] { fma, portable, streaming })
        {
            var output = PoisonedOutput(layer, input);
            backend.Prepare(layer).Run(input, output);
            string what = $"{layer} on {input.ShapeText}, {backend.InstructionPath}{(backend == streaming ? ", streamed" : "")}";
            AssertClose(expected, output, what);
            AssertPaddingIsZero(output);
            if (backend == fma) plainBits = output.Span.ToArray();
            if (backend == streaming) Assert.True(plainBits.AsSpan().SequenceEqual(output.Span), $"{what}: bits differ from plain stores");
        }
    }

    [Theory]
    [InlineData(ConvKind.Depthwise, 13, 1, 5, 37, 43)]
    [InlineData(ConvKind.Depthwise, 5, 3, 3, 37, 43)]
    [InlineData(ConvKind.Depthwise, 16, 1, 7, 38, 29)] // row pairs, even height
    [InlineData(ConvKind.Depthwise, 11, 1, 1, 5, 13)] // row pairs, K = 1
    [InlineData(ConvKind.Pointwise, 19, 40, 1, 37, 43)]
    [InlineData(ConvKind.Pointwise, 19, 40, 1, 1, 7)] // 7 pixels: one item, a tile and an overlapping tail tile
    [InlineData(ConvKind.Pointwise, 300, 9, 1, 5, 5)] // split reduction
    [InlineData(ConvKind.Standard, 11, 24, 3, 37, 43)]
    [InlineData(ConvKind.Standard, 3, 17, 5, 37, 43)]
    public void ThreadCountChangesNoBit(ConvKind kind, int m, int second, int k, int h, int w)
    {
        var layer = RandomLayer(kind, m, second, k, stride: 1, bias: true, Activation.None, seed: 7);
        var input = RandomMap(m, h, w, seed: 8);
        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var backend = new FastBackend(threads);
            var output = backend.Prepare(layer).Run(input);
            var bits = output.Span.ToArray();
            if (first is null) first = bits;
            else Assert.Equal(first, bits); // exact: every value is one worker's fixed-order reduction
        }
    }

    [Theory]
    [InlineData(ConvKind.Depthwise, 3)]
    [InlineData(ConvKind.Depthwise, 7)]
    [InlineData(ConvKind.Standard, 3)]
    [InlineData(ConvKind.Standard, 5)]
    [InlineData(ConvKind.Pointwise, 1)]
    public void SolidImageStaysSolidAwayFromTheBorder(ConvKind kind, int k)
    {
        // in ≡ c ⇒ out[o] = bias[o] + c · Σ (weights of o) at every pixel whose taps all fall inside.
        const float c = 0.75f;
        int m = 11;
        var layer = RandomLayer(kind, m, kind == ConvKind.Depthwise ? 2 : 19, k, stride: 1, bias: true, Activation.None, seed: 3);
        var input = FeatureMap.FromPlanar(Enumerable.Repeat(c, m * 20 * 29).ToArray(), m, 20, 29);
        using var backend = new FastBackend(threads: 2);
        var output = backend.Prepare(layer).Run(input);
        int pad = layer.Padding, perOutput = layer.InChannelsPerGroup * k * k;
        for (int o = 0; o < layer.OutChannels; o++)
        {
            double sum = 0;
            for (int i = 0; i < perOutput; i++) sum += layer.Weights[o * perOutput + i];
            float analytic = (float)(layer.Bias[o] + c * sum);
            float interior = output[o, pad, pad];
            Assert.True(MathF.Abs(interior - analytic) <= RelativeTolerance * (1 + MathF.Abs(analytic)), $"channel {o}: {interior} vs {analytic}");
            for (int y = pad; y < output.Height - pad; y++)
                for (int x = pad; x < output.Width - pad; x++)
                    Assert.Equal(interior, output[o, y, x]); // same operands, same order: bit-equal
        }
    }

    [Theory]
    [InlineData(ConvKind.Depthwise)]
    [InlineData(ConvKind.Pointwise)]
    [InlineData(ConvKind.Standard)]
    public void ZeroWeightsGiveTheActivatedBiasEverywhere(ConvKind kind)
    {
        int m = 6, n = kind == ConvKind.Depthwise ? 12 : 10, k = kind == ConvKind.Pointwise ? 1 : 3;
        var bias = Enumerable.Range(0, n).Select(i => i - 4.5f).ToArray();
        var weights = new float[n * (kind == ConvKind.Depthwise ? 1 : m) * k * k];
        var layer = kind switch
        {
            ConvKind.Depthwise => ConvLayer.Depthwise("zero", m, 2, k, 1, weights, bias, Activation.Relu6),
            ConvKind.Pointwise => ConvLayer.Pointwise("zero", m, n, 1, weights, bias, Activation.Relu6),
            _ => ConvLayer.Standard("zero", m, n, k, 1, weights, bias, Activation.Relu6),
        };
        using var backend = new FastBackend(threads: 2);
        var output = backend.Prepare(layer).Run(RandomMap(m, 5, 9, seed: 1));
        for (int o = 0; o < n; o++)
            for (int y = 0; y < 5; y++)
                for (int x = 0; x < 9; x++)
                    Assert.Equal(ActivationMath.Apply(Activation.Relu6, bias[o]), output[o, y, x]);
        AssertPaddingIsZero(output);
    }

    [Fact]
    public void APassRunsAgainOnLargerAndSmallerInputs()
    {
        // The multiplier's scratch rows are sized from the first input and must grow for a wider one.
        var layer = RandomLayer(ConvKind.Depthwise, 5, 2, 3, 1, bias: true, Activation.Relu, seed: 11);
        using var backend = new FastBackend(threads: 2);
        var pass = backend.Prepare(layer);
        foreach (var (h, w) in new[] { (4, 6), (9, 40), (3, 5) })
        {
            var input = RandomMap(5, h, w, seed: w);
            AssertClose(Reference.Prepare(layer).Run(input), pass.Run(input), $"{layer} on {input.ShapeText}");
        }
    }

    [Theory]
    [InlineData(ConvKind.Depthwise, 1)]
    [InlineData(ConvKind.Depthwise, 2)]
    [InlineData(ConvKind.Pointwise, 1)]
    [InlineData(ConvKind.Standard, 1)]
    public void RunAllocatesNothingOnTheCallingThread(ConvKind kind, int second)
    {
        int m = 9, k = kind == ConvKind.Pointwise ? 1 : 3;
        var layer = RandomLayer(kind, m, kind == ConvKind.Depthwise ? second : 20, k, stride: 1, bias: true, Activation.Relu, seed: 5);
        using var backend = new FastBackend(threads: 2);
        var pass = backend.Prepare(layer);
        var input = RandomMap(m, 12, 14, seed: 6);
        var output = new FeatureMap(layer.OutChannels, 12, 14);
        pass.Run(input, output); // sizes the scratch once
        // Any per-run allocation is at least 24 bytes a run, far above the bound.
        const int runs = 100;
        Assert.InRange(AllocationWindows.Quietest(runs, () => pass.Run(input, output)), 0, runs - 1);
    }

    [Fact]
    public void WrongShapesAreRejectedWithTheLayerName()
    {
        var layer = RandomLayer(ConvKind.Pointwise, 4, 8, 1, 1, bias: false, Activation.None, seed: 2);
        using var backend = new FastBackend(threads: 1);
        var error = Assert.Throws<ArgumentException>(() => backend.Prepare(layer).Run(new FeatureMap(4, 3, 3), new FeatureMap(8, 3, 4)));
        Assert.Contains("'pointwise'", error.Message);
    }

    [Fact]
    public void TheCatalogNamesItCpu()
    {
        var backend = BackendCatalog.Create("cpu");
        Assert.IsType<FastBackend>(backend);
        Assert.Equal("cpu", backend.Name);
        ((IDisposable)backend).Dispose();
    }

    internal static ConvLayer RandomLayer(ConvKind kind, int m, int second, int k, int stride, bool bias, Activation activation, int seed)
    {
        var random = new Random(seed);
        int outChannels = kind == ConvKind.Depthwise ? m * second : second;
        int perOutput = (kind == ConvKind.Depthwise ? 1 : m) * k * k;
        var weights = Uniform(random, outChannels * perOutput, 1f);
        var biasValues = bias ? Uniform(random, outChannels, 1f) : null;
        return kind switch
        {
            ConvKind.Depthwise => ConvLayer.Depthwise("depthwise", m, second, k, stride, weights, biasValues, activation),
            ConvKind.Pointwise => ConvLayer.Pointwise("pointwise", m, outChannels, stride, weights, biasValues, activation),
            _ => ConvLayer.Standard("standard", m, outChannels, k, stride, weights, biasValues, activation),
        };
    }

    internal static FeatureMap RandomMap(int channels, int h, int w, int seed) =>
        FeatureMap.FromPlanar(Uniform(new Random(seed), channels * h * w, 1f), channels, h, w);

    private static float[] Uniform(Random random, int count, float scale) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();

    /// <summary>An output full of NaN, padding included, so that a value the pass forgets to write shows.</summary>
    internal static FeatureMap PoisonedOutput(ConvLayer layer, FeatureMap input)
    {
        var output = new FeatureMap(layer.OutChannels, layer.OutputSize(input.Height), layer.OutputSize(input.Width));
        output.Span.Fill(float.NaN);
        return output;
    }

    /// <summary>Every value within <paramref name="relativeTolerance"/> of the expected one (0: equal, with −0 = +0).</summary>
    internal static void AssertClose(FeatureMap expected, FeatureMap actual, string what, float relativeTolerance = RelativeTolerance)
    {
        for (int c = 0; c < expected.Channels; c++)
            for (int y = 0; y < expected.Height; y++)
                for (int x = 0; x < expected.Width; x++)
                {
                    float e = expected[c, y, x], a = actual[c, y, x];
                    if (!(MathF.Abs(a - e) <= relativeTolerance * (1 + MathF.Abs(e))))
                        Assert.Fail($"{what}: channel {c} at ({y}, {x}) is {a}, the reference says {e}");
                }
    }

    internal static void AssertPaddingIsZero(FeatureMap map)
    {
        if (map.Layout == ChannelLayout.Planar) return; // a plane has no padding lanes
        int last = map.Blocks - 1;
        for (int lane = map.Channels - 8 * last; lane < 8; lane++)
            for (int p = 0; p < map.Height * map.Width; p++)
                Assert.Equal(0f, map.Span[last * map.BlockStride + p * 8 + lane]);
    }
}
