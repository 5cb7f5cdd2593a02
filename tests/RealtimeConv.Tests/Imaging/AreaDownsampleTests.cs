using RealtimeConv.Imaging;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Imaging;

/// <summary>The box average `rtconv verify --max-side` shrinks images with.</summary>
public sealed class AreaDownsampleTests
{
    private const float Exact = 1e-6f;

    [Theory]
    [InlineData(512, 512, 128, 4)]
    [InlineData(1411, 1411, 128, 12)]
    [InlineData(600, 400, 128, 5)]
    [InlineData(100, 60, 128, 1)]
    public void FactorIsTheSmallestThatFits(int width, int height, int maxSide, int factor)
    {
        Assert.Equal(factor, AreaDownsample.Factor(width, height, maxSide));
        Assert.True((Math.Max(width, height) + factor - 1) / factor <= maxSide);
        if (factor > 1) Assert.True((Math.Max(width, height) + factor - 2) / (factor - 1) > maxSide);
    }

    [Fact]
    public void EachOutputIsTheMeanOfItsBoxAndEdgeBoxesAverageWhatExists()
    {
        // 2 channels, 5 wide, 3 high, value = 100·c + 10·y + x; factor 2 gives 3×2.
        var input = new FeatureMap(2, 3, 5);
        for (int c = 0; c < 2; c++)
            for (int y = 0; y < 3; y++)
                for (int x = 0; x < 5; x++)
                    input[c, y, x] = 100 * c + 10 * y + x;
        var output = AreaDownsample.Apply(input, 2);
        Assert.Equal((2, 2, 3), (output.Channels, output.Height, output.Width));
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(100 * c + 5.5f, output[c, 0, 0], Exact);   // (0+1+10+11)/4
            Assert.Equal(100 * c + 9f, output[c, 0, 2], Exact);     // (4+14)/2: the last column holds one pixel
            Assert.Equal(100 * c + 20.5f, output[c, 1, 0], Exact);  // (20+21)/2: the last row holds one pixel
            Assert.Equal(100 * c + 24f, output[c, 1, 2], Exact);    // the corner: pixel (2, 4) alone
        }
    }

    [Fact]
    public void ASolidMapStaysSolid()
    {
        var input = new FeatureMap(3, 13, 9);
        input.Span.Clear();
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 13; y++)
                for (int x = 0; x < 9; x++)
                    input[c, y, x] = 0.25f + c;
        var output = AreaDownsample.Apply(input, 4);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < output.Height; y++)
                for (int x = 0; x < output.Width; x++)
                    Assert.Equal(0.25f + c, output[c, y, x], Exact);
    }

    [Theory]
    [InlineData(ChannelLayout.Planar, null)]
    [InlineData(ChannelLayout.Planar, ChannelLayout.Blocked)]
    [InlineData(ChannelLayout.Blocked, ChannelLayout.Planar)]
    public void EitherLayoutInGivesTheBlockedAverageInTheLayoutAsked(ChannelLayout inLayout, ChannelLayout? outLayout)
    {
        var values = new float[3 * 11 * 10];
        for (int i = 0; i < values.Length; i++) values[i] = i % 17 * 0.3f - 2f;
        var blocked = FeatureMap.FromPlanar(values, 3, 11, 10);
        var input = blocked.InLayout(inLayout);
        foreach (int factor in new[] { 3, 1 })
        {
            var expected = AreaDownsample.Apply(blocked, factor);
            var output = AreaDownsample.Apply(input, factor, outLayout);
            Assert.Equal(outLayout ?? inLayout, output.Layout);
            Assert.Equal(0f, FeatureMap.MaxAbsDifference(expected, output));
        }
        // Factor 1 returns the input itself only when no other layout is asked for.
        Assert.Equal(outLayout is null || outLayout == inLayout, ReferenceEquals(input, AreaDownsample.Apply(input, 1, outLayout)));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    public void PixelsAverageLikeTheFeatureMapRoundedToBytes(int components, int factor)
    {
        // The byte overload must agree with the float one: out = round(mean) of the same box.
        const int width = 23, height = 14;
        var image = new PixelImage(width, height, components, TestImages.Pattern(width, height, components, seed: 5));
        var planar = new float[components * height * width];
        for (int k = 0; k < components; k++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    planar[(k * height + y) * width + x] = image.Pixels[image.IndexOf(x, y, k)];
        var expected = AreaDownsample.Apply(FeatureMap.FromPlanar(planar, components, height, width), factor);

        var output = AreaDownsample.Apply(image, factor);

        Assert.Equal((expected.Width, expected.Height, components), (output.Width, output.Height, output.Components));
        for (int k = 0; k < components; k++)
            for (int y = 0; y < output.Height; y++)
                for (int x = 0; x < output.Width; x++)
                    Assert.Equal(Math.Floor(expected[k, y, x] + 0.5 + Exact), output.Pixels[output.IndexOf(x, y, k)]);
    }

    [Fact]
    public void ASolidImageStaysSolidAndFactorOneIsTheImageItself()
    {
        var solid = new PixelImage(13, 9, 4);
        for (int i = 0; i < solid.Pixels.Length; i++) solid.Pixels[i] = (byte)(40 + i % 4 * 50);
        var output = AreaDownsample.Apply(solid, 4);
        Assert.Equal((4, 3), (output.Width, output.Height));
        for (int i = 0; i < output.Pixels.Length; i++) Assert.Equal(40 + i % 4 * 50, output.Pixels[i]);
        Assert.Same(solid, AreaDownsample.Apply(solid, 1));
    }
}
