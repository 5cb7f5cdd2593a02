using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Tensors;

/// <summary>The planar layout: the same contract as the blocked one with one channel per block.</summary>
public sealed class PlanarLayoutTests
{
    [Fact]
    public void APlanarMapIsOnePlanePerChannelWithRowsOfPixels()
    {
        var map = new FeatureMap(3, 5, 7, ChannelLayout.Planar);
        Assert.Equal(1, map.Lanes);
        Assert.Equal(3, map.Blocks);
        Assert.Equal(7, map.RowStride);
        Assert.True(map.BlockStride >= 35 && map.BlockStride % 16 == 0);
        Assert.Equal(2 * map.BlockStride + 4 * 7 + 6, map.IndexOf(2, 4, 6));
        map[2, 4, 6] = 5f;
        Assert.Equal(5f, map.Span[2 * map.BlockStride + 34]);
    }

    [Fact]
    public void ABlockedMapKeepsItsEightLanes()
    {
        var map = new FeatureMap(3, 5, 7);
        Assert.Equal(ChannelLayout.Blocked, map.Layout);
        Assert.Equal(8, map.Lanes);
        Assert.Equal(1, map.Blocks);
        Assert.Equal(56, map.RowStride);
        Assert.Equal((4 * 7 + 6) * 8 + 2, map.IndexOf(2, 4, 6));
    }

    [Theory]
    [InlineData(3, 9, 11)]
    [InlineData(12, 4, 5)]
    public void PlanarDataRoundTripsThroughEitherLayout(int channels, int height, int width)
    {
        var values = Enumerable.Range(0, channels * height * width).Select(i => i * 0.25f - 3f).ToArray();
        var blocked = FeatureMap.FromPlanar(values, channels, height, width);
        var planar = FeatureMap.FromPlanar(values, channels, height, width, ChannelLayout.Planar);
        Assert.Equal(values, blocked.ToPlanar());
        Assert.Equal(values, planar.ToPlanar());
        Assert.Equal(0f, FeatureMap.MaxAbsDifference(blocked, planar));
        for (int c = 0; c < channels; c++)
            Assert.Equal(values[(c * height + height - 1) * width + 2], planar[c, height - 1, 2]);
    }

    [Fact]
    public void CopyFromTransposesBothWaysAndKeepsPaddingZero()
    {
        var values = Enumerable.Range(0, 3 * 6 * 6).Select(i => (float)i + 1).ToArray();
        var planar = FeatureMap.FromPlanar(values, 3, 6, 6, ChannelLayout.Planar);
        var blocked = new FeatureMap(3, 6, 6);
        blocked.Span.Fill(9f); // stale values, padding lanes included, must not survive
        blocked.CopyFrom(planar);
        Assert.Equal(values, blocked.ToPlanar());
        for (int p = 0; p < 36; p++)
            for (int lane = 3; lane < 8; lane++)
                Assert.Equal(0f, blocked.Span[p * 8 + lane]);
        var back = new FeatureMap(3, 6, 6, ChannelLayout.Planar);
        back.CopyFrom(blocked);
        Assert.Equal(values, back.ToPlanar());
        Assert.Throws<ArgumentException>(() => back.CopyFrom(new FeatureMap(3, 6, 5)));
    }

    [Fact]
    public void CopyFromClearsTheStrideTailsOfTheMapItWrites()
    {
        // 5×5 pixels: a blocked block holds 200 floats of 208, a plane 25 of 32; the tails must end up zero.
        var values = Enumerable.Range(0, 3 * 25).Select(i => i + 1f).ToArray();
        var blocked = new FeatureMap(3, 5, 5);
        var planar = new FeatureMap(3, 5, 5, ChannelLayout.Planar);
        blocked.Span.Fill(9f);
        planar.Span.Fill(9f);
        blocked.CopyFrom(FeatureMap.FromPlanar(values, 3, 5, 5, ChannelLayout.Planar));
        planar.CopyFrom(FeatureMap.FromPlanar(values, 3, 5, 5));
        Assert.All(blocked.Span[(25 * 8)..blocked.BlockStride].ToArray(), value => Assert.Equal(0f, value));
        for (int c = 0; c < 3; c++)
            Assert.All(planar.Block(c)[25..].ToArray(), value => Assert.Equal(0f, value));
        Assert.Equal(values, blocked.ToPlanar());
        Assert.Equal(values, planar.ToPlanar());
    }

    [Fact]
    public void TwoPlanarMapsAreComparedPlaneByPlaneWithTheirTails()
    {
        // 3×3 pixels: 9 a plane, one vector and a single float past it; a difference in either shows.
        var a = new FeatureMap(2, 3, 3, ChannelLayout.Planar);
        var b = new FeatureMap(2, 3, 3, ChannelLayout.Planar);
        b[1, 2, 2] = 0.75f;
        Assert.Equal(0.75f, FeatureMap.MaxAbsDifference(a, b));
        b[0, 0, 3 - 1] = -2f;
        Assert.Equal(2f, FeatureMap.MaxAbsDifference(b, a));
        a[1, 2, 2] = float.NaN;
        Assert.True(float.IsNaN(FeatureMap.MaxAbsDifference(a, b)));
    }

    [Fact]
    public void DifferencesAreFoundAcrossLayouts()
    {
        var values = new float[2 * 3 * 4];
        var planar = FeatureMap.FromPlanar(values, 2, 3, 4, ChannelLayout.Planar);
        var blocked = FeatureMap.FromPlanar(values, 2, 3, 4);
        planar[1, 2, 3] = -0.5f;
        Assert.Equal(0.5f, FeatureMap.MaxAbsDifference(blocked, planar));
        planar[0, 0, 0] = float.NaN;
        Assert.True(float.IsNaN(FeatureMap.MaxAbsDifference(planar, blocked)));
    }

    [Theory]
    [InlineData(1, ChannelLayout.Planar)]
    [InlineData(3, ChannelLayout.Planar)]
    [InlineData(4, ChannelLayout.Planar)]
    [InlineData(5, ChannelLayout.Blocked)]
    [InlineData(32, ChannelLayout.Blocked)]
    public void KernelsPreferPlanesOnlyForFewChannels(int channels, ChannelLayout expected) =>
        Assert.Equal(expected, FeatureMap.PreferredLayout(channels));

    [Fact]
    public unsafe void EveryPlaneStartsOnACacheLine()
    {
        var map = new FeatureMap(3, 37, 43, ChannelLayout.Planar);
        Assert.Equal(0u, (nuint)map.Pointer % 64);
        Assert.Equal(0, map.BlockStride % 16);
        Assert.NotEqual(0, new FeatureMap(1, 32, 32, ChannelLayout.Planar).BlockStride % 1024);
    }
}
