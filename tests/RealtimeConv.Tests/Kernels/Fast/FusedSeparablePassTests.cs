using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Kernels.Fast;

/// <summary>
/// The fused depthwise + pointwise pass against the reference oracle run as two passes, against the
/// fast backend's own two passes (bit for bit) and across thread counts.
/// </summary>
public sealed class FusedSeparablePassTests
{
    private static readonly ReferenceBackend Reference = new();

    /// <summary>
    /// (M, d, N, H, W, K, dw stride, activation): odd sizes and 1-pixel images (every column and row a
    /// border), K 1..7, stride 2 on the depthwise layer, multiplier 2 and 3, channel counts that are not
    /// multiples of 8 or 16, the pointwise reduction split past 256 channels, a 3-channel stem.
    /// </summary>
    public static TheoryData<int, int, int, int, int, int, int, Activation> Cases() => new()
    {
        { 3, 1, 16, 9, 64, 3, 1, Activation.Relu },
        { 32, 1, 32, 13, 31, 3, 1, Activation.Relu6 },
        { 5, 1, 17, 7, 7, 1, 1, Activation.None },
        { 13, 1, 24, 31, 13, 5, 1, Activation.Relu },
        { 8, 1, 33, 6, 50, 7, 1, Activation.None },
        { 5, 2, 9, 11, 12, 3, 1, Activation.Relu },
        { 6, 3, 20, 10, 9, 5, 2, Activation.Relu6 },
        { 17, 1, 3, 24, 24, 3, 2, Activation.None },
        { 7, 1, 16, 1, 1, 3, 1, Activation.Relu },
        { 9, 1, 8, 1, 9, 7, 1, Activation.None },
        { 9, 1, 8, 9, 1, 5, 1, Activation.Relu },
        { 300, 1, 20, 5, 7, 3, 1, Activation.Relu6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTheReferenceAndTheTwoPassesBitForBit(int m, int d, int n, int h, int w, int k, int stride, Activation activation)
    {
        var (depthwise, pointwise) = Pair(m, d, n, k, stride, activation, seed: m * 100 + n + k);
        var input = FastBackendTests.RandomMap(m, h, w, seed: h * 31 + w);
        var expected = Reference.Prepare(pointwise).Run(Reference.Prepare(depthwise).Run(input));

        foreach (var (backend, name) in new[]
        {
            (new FastBackend(threads: 2), "avx2-fma"),
            (new FastBackend(threads: 2, forcePortable: true), "portable"),
            (new FastBackend(threads: 3, forcePortable: false, streamAboveBytes: 0), "avx2-fma, streamed"),
        })
        {
            using (backend)
            {
                var fused = backend.PrepareSeparable(depthwise, pointwise);
                Assert.NotNull(fused);
                var output = Poisoned(n, depthwise.OutputSize(h), depthwise.OutputSize(w));
                fused.Run(input, output);
                string what = $"fused {depthwise} + {pointwise} on {input.ShapeText}, {name}";
                FastBackendTests.AssertClose(expected, output, what);
                FastBackendTests.AssertPaddingIsZero(output);

                // The same operations as the two unfused passes, in the same order: the same bits.
                var unfused = backend.Prepare(pointwise).Run(backend.Prepare(depthwise).Run(input));
                Assert.True(unfused.ToPlanar().AsSpan().SequenceEqual(output.ToPlanar()), $"{what}: differs from the two passes");
            }
        }
    }

    [Theory]
    [InlineData(32, 1, 32, 37, 43, 3, 1)]
    [InlineData(5, 2, 19, 21, 17, 5, 1)]
    [InlineData(13, 1, 40, 16, 9, 7, 2)]
    public void ThreadCountChangesNoBit(int m, int d, int n, int h, int w, int k, int stride)
    {
        var (depthwise, pointwise) = Pair(m, d, n, k, stride, Activation.None, seed: 9);
        var input = FastBackendTests.RandomMap(m, h, w, seed: 10);
        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var backend = new FastBackend(threads);
            var output = new FeatureMap(n, depthwise.OutputSize(h), depthwise.OutputSize(w));
            backend.PrepareSeparable(depthwise, pointwise)!.Run(input, output);
            var bits = output.Span.ToArray();
            if (first is null) first = bits;
            else Assert.Equal(first, bits); // exact: bands are never divided between workers
        }
    }

    [Fact]
    public void APassRunsAgainOnWiderAndNarrowerInputs()
    {
        // The per-worker tiles are sized from the first input and must grow for a wider one.
        var (depthwise, pointwise) = Pair(6, 2, 10, 3, 1, Activation.Relu, seed: 4);
        using var backend = new FastBackend(threads: 2);
        var fused = backend.PrepareSeparable(depthwise, pointwise)!;
        foreach (var (h, w) in new[] { (4, 6), (9, 40), (3, 5) })
        {
            var input = FastBackendTests.RandomMap(6, h, w, seed: w);
            var output = new FeatureMap(10, h, w);
            fused.Run(input, output);
            FastBackendTests.AssertClose(Reference.Prepare(pointwise).Run(Reference.Prepare(depthwise).Run(input)), output, $"fused on {input.ShapeText}");
        }
    }

    [Fact]
    public void PairsThatCannotFuseAreRefusedWithNull()
    {
        using var backend = new FastBackend(threads: 1);
        var (depthwise, pointwise) = Pair(8, 1, 16, 3, 1, Activation.None, seed: 1);
        var strided = ConvLayer.Pointwise("pw2", 8, 16, 2, new float[16 * 8], null, Activation.None);
        var mismatched = ConvLayer.Pointwise("pw9", 9, 16, 1, new float[16 * 9], null, Activation.None);
        var standard = ConvLayer.Standard("std", 8, 8, 3, 1, new float[8 * 8 * 9], null, Activation.None);
        Assert.Null(backend.PrepareSeparable(depthwise, strided));
        Assert.Null(backend.PrepareSeparable(depthwise, mismatched));
        Assert.Null(backend.PrepareSeparable(standard, pointwise));
        Assert.Null(backend.PrepareSeparable(pointwise, depthwise));
    }

    [Fact]
    public void WrongShapesAreRejectedWithTheLayerNames()
    {
        var (depthwise, pointwise) = Pair(4, 1, 8, 3, 1, Activation.None, seed: 2);
        using var backend = new FastBackend(threads: 1);
        var fused = backend.PrepareSeparable(depthwise, pointwise)!;
        var error = Assert.Throws<ArgumentException>(() => fused.Run(new FeatureMap(4, 3, 3), new FeatureMap(8, 3, 4)));
        Assert.Contains("'depthwise'", error.Message);
        Assert.Contains("'pointwise'", error.Message);
        Assert.Throws<ArgumentException>(() => fused.Run(new FeatureMap(5, 3, 3), new FeatureMap(8, 3, 3)));
    }

    [Fact]
    public void RunAllocatesNothingOnTheCallingThread()
    {
        var (depthwise, pointwise) = Pair(9, 2, 20, 3, 1, Activation.Relu, seed: 5);
        using var backend = new FastBackend(threads: 2);
        var fused = backend.PrepareSeparable(depthwise, pointwise)!;
        var input = FastBackendTests.RandomMap(9, 12, 14, seed: 6);
        var output = new FeatureMap(20, 12, 14);
        fused.Run(input, output); // sizes the tiles and scratch once
        // Any per-run allocation is at least 24 bytes a run, far above the bound. One window of runs, as this
        // test had, failed about once in six suite runs on 8200 bytes of the runtime's tiering work.
        const int runs = 100;
        Assert.InRange(AllocationWindows.Quietest(runs, () => fused.Run(input, output)), 0, runs - 1);
    }

    /// <summary>A depthwise layer M → M·d and a pointwise layer M·d → N with seeded weights and biases.</summary>
    internal static (ConvLayer Depthwise, ConvLayer Pointwise) Pair(int m, int d, int n, int k, int stride, Activation activation, int seed)
    {
        var depthwise = FastBackendTests.RandomLayer(ConvKind.Depthwise, m, d, k, stride, bias: true, activation, seed);
        var pointwise = FastBackendTests.RandomLayer(ConvKind.Pointwise, m * d, n, 1, 1, bias: true, activation, seed + 1);
        return (depthwise, pointwise);
    }

    private static FeatureMap Poisoned(int channels, int h, int w)
    {
        var output = new FeatureMap(channels, h, w);
        output.Span.Fill(float.NaN);
        return output;
    }
}
