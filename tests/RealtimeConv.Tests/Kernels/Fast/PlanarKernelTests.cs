using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Kernels.Fast;

/// <summary>
/// The fast kernels on planar maps (the layout of a 3-channel image): the planar depthwise kernel, the GEMM
/// passes reading planes, the fused pass keeping its tile planar, and the stand-ins for every layer and
/// layout the planar kernels do not compute in. Each is held to the reference oracle, and where the
/// operations are the same, to the blocked kernels bit for bit.
/// </summary>
public sealed class PlanarKernelTests
{
    private static readonly ReferenceBackend Reference = new();

    /// <summary>
    /// Widths around the planar kernel's vector (8) and group (48) sizes, rows narrower than a vector, and (on the
    /// blocked side) the narrowest rows of the 3×3 sweep: 5 is one group of 3 interior pixels, 6 a group moved back.
    /// </summary>
    private static readonly int[] Widths = [1, 3, 5, 6, 7, 8, 9, 15, 16, 17, 31, 47, 48, 49, 63, 64, 100, 130];

    [Theory]
    [InlineData(1, 3, Activation.Relu)]
    [InlineData(3, 1, Activation.None)]
    [InlineData(3, 3, Activation.None)]
    [InlineData(3, 5, Activation.Relu6)]
    [InlineData(4, 7, Activation.None)]
    [InlineData(2, 9, Activation.Relu)]
    [InlineData(3, 11, Activation.None)]
    [InlineData(1, 15, Activation.Relu)]
    public void PlanarDepthwiseMatchesTheReferenceAndTheBlockedKernelExactly(int channels, int k, Activation activation)
    {
        var layer = FastBackendTests.RandomLayer(ConvKind.Depthwise, channels, 1, k, 1, bias: true, activation, seed: channels * 10 + k);
        foreach (bool portable in new[] { false, true })
        {
            using var backend = new FastBackend(threads: 2, forcePortable: portable);
            var pass = backend.Prepare(layer);
            foreach (int h in new[] { 1, 2, 3, 6 })
                foreach (int w in Widths)
                {
                    var blocked = FastBackendTests.RandomMap(channels, h, w, seed: h * 1000 + w);
                    var planar = Planar(blocked);
                    var output = PoisonedPlanar(channels, h, w);
                    pass.Run(planar, output);
                    string what = $"{layer} on planar {planar.ShapeText}, {backend.InstructionPath}";
                    FastBackendTests.AssertClose(Reference.Prepare(layer).Run(blocked), output, what);
                    // Interior vectors run the blocked kernel's chains; a padded tap at an end adds 0·w, which
                    // changes nothing (at most the sign of a zero, which AssertClose ignores).
                    FastBackendTests.AssertClose(pass.Run(blocked), output, $"{what}, against the blocked kernel", relativeTolerance: 0);
                }
        }
    }

    /// <summary>Stride 2 on planes (a halving stem): split rows, four vectors in flight, the same values as on blocks.</summary>
    [Theory]
    [InlineData(3, 1, 3)]
    [InlineData(3, 4, 3)]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 5)]
    [InlineData(1, 1, 15)]
    public void StrideTwoPlanarDepthwiseMatchesTheReferenceAndTheBlockedKernelExactly(int channels, int d, int k)
    {
        var layer = FastBackendTests.RandomLayer(ConvKind.Depthwise, channels, d, k, 2, bias: true, Activation.Relu6, seed: 50 + k * d);
        foreach (bool portable in new[] { false, true })
        {
            using var backend = new FastBackend(threads: 2, forcePortable: portable);
            var pass = backend.Prepare(layer);
            foreach (int h in new[] { 1, 2, 3, 8 })
                foreach (int w in Widths)
                {
                    var blocked = FastBackendTests.RandomMap(channels, h, w, seed: h * 1000 + w);
                    var output = PoisonedPlanar(channels * d, layer.OutputSize(h), layer.OutputSize(w));
                    pass.Run(Planar(blocked), output);
                    string what = $"{layer} on planar {blocked.ShapeText}, {backend.InstructionPath}";
                    FastBackendTests.AssertClose(Reference.Prepare(layer).Run(blocked), output, what);
                    FastBackendTests.AssertClose(pass.Run(blocked), output, $"{what}, against the blocked kernel", relativeTolerance: 0);
                }
        }
    }

    /// <summary>
    /// Fused pairs whose tile has many planes at narrow or odd widths: each plane of the tile is rounded up to a
    /// cache line on its own, so these are the tiles that need more floats than a blocked tile of the same pair.
    /// </summary>
    [Theory]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    public void FusedTilesOfManyPlanesFitAtEveryWidth(int m, int d)
    {
        var (depthwise, pointwise) = FusedSeparablePassTests.Pair(m, d, 8, 3, 1, Activation.None, seed: 40 + m * d);
        foreach (bool portable in new[] { false, true })
        {
            using var backend = new FastBackend(threads: 2, forcePortable: portable);
            var fused = backend.PrepareSeparable(depthwise, pointwise)!;
            foreach (int h in new[] { 1, 3, 4 })
                for (int w = 1; w <= 20; w++)
                {
                    var blocked = FastBackendTests.RandomMap(m, h, w, seed: h * 100 + w);
                    var output = new FeatureMap(8, h, w);
                    fused.Run(Planar(blocked), output);
                    FastBackendTests.AssertClose(Reference.Prepare(pointwise).Run(Reference.Prepare(depthwise).Run(blocked)), output,
                        $"fused {depthwise} + {pointwise} on planar {blocked.ShapeText}, {backend.InstructionPath}");
                }
        }
    }

    [Theory]
    [InlineData(3, 4, 3)]
    [InlineData(1, 2, 5)]
    [InlineData(2, 3, 3)]
    public void PlanarDepthwiseWithAMultiplierReadsPlaneOOverD(int channels, int d, int k)
    {
        // The edges preset's shape: each input plane feeds d output planes with their own taps.
        var layer = FastBackendTests.RandomLayer(ConvKind.Depthwise, channels, d, k, 1, bias: true, Activation.None, seed: 20 + d);
        using var backend = new FastBackend(threads: 2);
        var pass = backend.Prepare(layer);
        foreach (var (h, w) in new[] { (1, 5), (7, 9), (12, 61) })
        {
            var blocked = FastBackendTests.RandomMap(channels, h, w, seed: h + w);
            var output = PoisonedPlanar(channels * d, h, w);
            pass.Run(Planar(blocked), output);
            string what = $"{layer} on planar {blocked.ShapeText}";
            FastBackendTests.AssertClose(Reference.Prepare(layer).Run(blocked), output, what);
            FastBackendTests.AssertClose(pass.Run(blocked), output, $"{what}, against the blocked kernel", relativeTolerance: 0);
        }
        var (depthwise, pointwise) = FusedSeparablePassTests.Pair(channels, d, 8, k, 1, Activation.Relu, seed: 30 + d);
        var input = FastBackendTests.RandomMap(channels, 10, 33, seed: 31);
        var fusedOut = new FeatureMap(8, 10, 33);
        backend.PrepareSeparable(depthwise, pointwise)!.Run(Planar(input), fusedOut);
        FastBackendTests.AssertClose(Reference.Prepare(pointwise).Run(Reference.Prepare(depthwise).Run(input)), fusedOut, "fused with a multiplier on planes");
    }

    [Theory]
    [InlineData(3, 16, 1, 1)]
    [InlineData(3, 16, 3, 1)]
    [InlineData(1, 24, 5, 1)]
    [InlineData(3, 8, 3, 2)]
    [InlineData(4, 40, 1, 2)]
    public void GemmPassesReadPlanesAsTheyReadBlocks(int m, int n, int k, int stride)
    {
        var kind = k == 1 ? ConvKind.Pointwise : ConvKind.Standard;
        var layer = FastBackendTests.RandomLayer(kind, m, n, k, stride, bias: true, Activation.Relu6, seed: m + n + k);
        foreach (bool portable in new[] { false, true })
        {
            using var backend = new FastBackend(threads: 3, forcePortable: portable);
            var pass = backend.Prepare(layer);
            foreach (var (h, w) in new[] { (1, 1), (5, 7), (13, 31), (24, 50) })
            {
                var blocked = FastBackendTests.RandomMap(m, h, w, seed: h + w);
                var output = FastBackendTests.PoisonedOutput(layer, blocked);
                pass.Run(Planar(blocked), output);
                string what = $"{layer} on planar {blocked.ShapeText}, {backend.InstructionPath}";
                FastBackendTests.AssertClose(Reference.Prepare(layer).Run(blocked), output, what);
                FastBackendTests.AssertPaddingIsZero(output);
                if (kind == ConvKind.Pointwise) // the same channel order, one plane apart instead of one float: the same bits
                    Assert.Equal(pass.Run(blocked).ToPlanar(), output.ToPlanar());
            }
        }
    }

    [Theory]
    [InlineData(3, 16, 3, 37, 64)]
    [InlineData(3, 32, 5, 9, 50)]
    [InlineData(1, 8, 3, 4, 7)]
    [InlineData(4, 20, 7, 11, 130)]
    public void FusedPassKeepsAPlanarTileAndMatchesItsTwoPasses(int m, int n, int k, int h, int w)
    {
        var (depthwise, pointwise) = FusedSeparablePassTests.Pair(m, 1, n, k, 1, Activation.Relu, seed: m * n + k);
        var blocked = FastBackendTests.RandomMap(m, h, w, seed: 3);
        var planar = Planar(blocked);
        var expected = Reference.Prepare(pointwise).Run(Reference.Prepare(depthwise).Run(blocked));
        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var backend = new FastBackend(threads);
            var output = new FeatureMap(n, h, w);
            output.Span.Fill(float.NaN);
            backend.PrepareSeparable(depthwise, pointwise)!.Run(planar, output);
            string what = $"fused {depthwise} + {pointwise} on planar {planar.ShapeText}, {threads} threads";
            FastBackendTests.AssertClose(expected, output, what);
            FastBackendTests.AssertPaddingIsZero(output);
            var middle = new FeatureMap(m, h, w, ChannelLayout.Planar);
            backend.Prepare(depthwise).Run(planar, middle);
            var unfused = backend.Prepare(pointwise).Run(middle);
            Assert.Equal(unfused.ToPlanar(), output.ToPlanar());
        }
    }

    [Fact]
    public void PlanarDepthwiseChangesNoBitWithTheThreadCount()
    {
        var layer = FastBackendTests.RandomLayer(ConvKind.Depthwise, 3, 1, 3, 1, bias: true, Activation.None, seed: 4);
        var planar = Planar(FastBackendTests.RandomMap(3, 45, 77, seed: 5));
        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3, 4 })
        {
            using var backend = new FastBackend(threads);
            var output = new FeatureMap(3, 45, 77, ChannelLayout.Planar);
            backend.Prepare(layer).Run(planar, output);
            var bits = output.Span.ToArray();
            if (first is null) first = bits;
            else Assert.Equal(first, bits);
        }
    }

    /// <summary>
    /// Planar depthwise into a blocked output (the edges preset's 3 → 12 layer in an executor, whose 12-channel
    /// maps are blocked) stores each block straight from its computed planes: the same bits as the planar output,
    /// zero in the padding lanes, at both strides, any multiplier, every width, streamed or not.
    /// </summary>
    [Theory]
    [InlineData(3, 4, 3, 1)]
    [InlineData(3, 4, 3, 2)]
    [InlineData(1, 1, 5, 1)]
    [InlineData(2, 3, 3, 1)]
    [InlineData(4, 3, 7, 2)]
    [InlineData(3, 1, 1, 1)]
    public void PlanarDepthwiseStoresBlocksStraightFromItsPlanes(int channels, int d, int k, int stride)
    {
        var layer = FastBackendTests.RandomLayer(ConvKind.Depthwise, channels, d, k, stride, bias: true, Activation.Relu6, seed: 60 + channels * d + k);
        foreach (var (portable, streamAbove) in new[] { (false, long.MaxValue), (true, long.MaxValue), (false, 0L) })
        {
            using var backend = new FastBackend(threads: 2, forcePortable: portable, streamAboveBytes: streamAbove);
            var pass = backend.Prepare(layer);
            foreach (int h in new[] { 1, 2, 3, 5 })
                for (int w = 1; w <= 19; w++)
                {
                    var input = Planar(FastBackendTests.RandomMap(channels, h, w, seed: h * 100 + w));
                    int oh = layer.OutputSize(h), ow = layer.OutputSize(w);
                    var planes = PoisonedPlanar(layer.OutChannels, oh, ow);
                    pass.Run(input, planes);
                    var blocks = new FeatureMap(layer.OutChannels, oh, ow);
                    blocks.Span.Fill(float.NaN);
                    pass.Run(input, blocks);
                    string what = $"{layer} on planar {input.ShapeText} into blocks, {backend.InstructionPath}, stream above {streamAbove}";
                    FastBackendTests.AssertClose(planes, blocks, what, relativeTolerance: 0);
                    FastBackendTests.AssertPaddingIsZero(blocks);
                }
        }
    }

    /// <summary>
    /// Layout pairs the kernels do not compute in directly (a planar output from a GEMM pass, a planar output from
    /// blocked depthwise) go through stand-in maps: still the reference's answer, in the caller's layout. (Planar
    /// depthwise into blocks is computed directly, see above; its rows here pin the same answer.)
    /// </summary>
    [Theory]
    [InlineData(ConvKind.Depthwise, 3, 1, 3, 2, true, false)]
    [InlineData(ConvKind.Depthwise, 3, 2, 3, 1, true, true)]
    [InlineData(ConvKind.Depthwise, 3, 1, 3, 1, true, false)]
    [InlineData(ConvKind.Depthwise, 3, 1, 5, 1, false, true)]
    [InlineData(ConvKind.Pointwise, 16, 3, 1, 1, false, true)]
    [InlineData(ConvKind.Standard, 3, 4, 3, 2, true, true)]
    public void OtherLayoutPairsGoThroughStandIns(ConvKind kind, int m, int second, int k, int stride, bool planarIn, bool planarOut)
    {
        var layer = FastBackendTests.RandomLayer(kind, m, second, k, stride, bias: true, Activation.None, seed: 11);
        var blocked = FastBackendTests.RandomMap(m, 10, 21, seed: 12);
        var input = planarIn ? Planar(blocked) : blocked;
        int oh = layer.OutputSize(10), ow = layer.OutputSize(21);
        var output = new FeatureMap(layer.OutChannels, oh, ow, planarOut ? ChannelLayout.Planar : ChannelLayout.Blocked);
        using var backend = new FastBackend(threads: 2, forcePortable: false, streamAboveBytes: 0);
        var pass = backend.Prepare(layer);
        for (int run = 0; run < 2; run++) // the second run reuses the stand-ins
        {
            output.Span.Fill(float.NaN);
            pass.Run(input, output);
            FastBackendTests.AssertClose(Reference.Prepare(layer).Run(blocked), output, $"{layer}, {input.Layout} → {output.Layout}");
            FastBackendTests.AssertPaddingIsZero(output);
        }
    }

    [Fact]
    public void AStrideTwoFusedPairOnPlanesAnswersInTheCallersLayout()
    {
        var (depthwise, pointwise) = FusedSeparablePassTests.Pair(3, 1, 4, 3, 2, Activation.Relu, seed: 13);
        var blocked = FastBackendTests.RandomMap(3, 17, 19, seed: 14);
        var expected = Reference.Prepare(pointwise).Run(Reference.Prepare(depthwise).Run(blocked));
        using var backend = new FastBackend(threads: 2);
        var output = new FeatureMap(4, 9, 10, ChannelLayout.Planar);
        backend.PrepareSeparable(depthwise, pointwise)!.Run(Planar(blocked), output);
        FastBackendTests.AssertClose(expected, output, "stride-2 fused pair, planar in and out");
    }

    [Fact]
    public void PlanarRunsAllocateNothingOnceWarm()
    {
        var layer = FastBackendTests.RandomLayer(ConvKind.Depthwise, 3, 1, 3, 1, bias: true, Activation.Relu, seed: 15);
        var (depthwise, pointwise) = FusedSeparablePassTests.Pair(3, 1, 16, 3, 1, Activation.Relu, seed: 16);
        using var backend = new FastBackend(threads: 2);
        var pass = backend.Prepare(layer);
        var fused = backend.PrepareSeparable(depthwise, pointwise)!;
        var input = Planar(FastBackendTests.RandomMap(3, 20, 40, seed: 17));
        var planarOut = new FeatureMap(3, 20, 40, ChannelLayout.Planar);
        var blockedOut = new FeatureMap(3, 20, 40);
        var fusedOut = new FeatureMap(16, 20, 40);
        void RunAll()
        {
            pass.Run(input, planarOut);
            pass.Run(input, blockedOut); // through the output stand-in
            fused.Run(input, fusedOut);
        }
        RunAll();
        const int runs = 100;
        Assert.InRange(AllocationWindows.Quietest(runs, RunAll), 0, runs - 1);
    }

    private static FeatureMap Planar(FeatureMap blocked)
    {
        var planar = new FeatureMap(blocked.Channels, blocked.Height, blocked.Width, ChannelLayout.Planar);
        planar.CopyFrom(blocked);
        return planar;
    }

    private static FeatureMap PoisonedPlanar(int channels, int h, int w)
    {
        var map = new FeatureMap(channels, h, w, ChannelLayout.Planar);
        map.Span.Fill(float.NaN);
        return map;
    }
}
