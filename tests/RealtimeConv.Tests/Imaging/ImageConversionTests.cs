using RealtimeConv.Imaging;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Imaging;

/// <summary>8-bit images to float feature maps, and to RGBA for textures.</summary>
public sealed class ImageConversionTests
{
    // value/255 in float is exact to well under one ulp of 1; luma adds three products.
    private const float Exact = 1e-7f;
    private const float LumaTolerance = 1e-6f;

    [Fact]
    public void RgbScalesEachByteToUnitRange()
    {
        var image = new PixelImage(2, 1, 3, [0, 128, 255, 1, 2, 3]);

        var map = ImageConversion.ToFeatureMap(image, 3);

        Assert.Equal((3, 1, 2), (map.Channels, map.Height, map.Width));
        Assert.Equal(0f, map[0, 0, 0]);
        Assert.Equal(128f / 255f, map[1, 0, 0], Exact);
        Assert.Equal(1f, map[2, 0, 0]);
        Assert.Equal(3f / 255f, map[2, 0, 1], Exact);
    }

    [Fact]
    public void GrayIsReplicatedIntoThreeChannels()
    {
        var image = new PixelImage(3, 2, 1, [0, 51, 102, 153, 204, 255]);

        var map = ImageConversion.ToFeatureMap(image, 3);

        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 3; x++)
            {
                float g = image.Pixels[y * 3 + x] / 255f;
                for (int c = 0; c < 3; c++) Assert.Equal(g, map[c, y, x], Exact);
            }
    }

    [Theory]
    [InlineData(LumaWeights.Rec601, 0.299f, 0.587f, 0.114f)]
    [InlineData(LumaWeights.Rec709, 0.2126f, 0.7152f, 0.0722f)]
    public void RgbToOneChannelIsLuma(LumaWeights luma, float wr, float wg, float wb)
    {
        var image = new PixelImage(3, 1, 3, [255, 0, 0, 0, 255, 0, 10, 200, 90]);

        var map = ImageConversion.ToFeatureMap(image, 1, luma);

        Assert.Equal(1, map.Channels);
        Assert.Equal(wr, map[0, 0, 0], LumaTolerance);
        Assert.Equal(wg, map[0, 0, 1], LumaTolerance);
        Assert.Equal((wr * 10 + wg * 200 + wb * 90) / 255f, map[0, 0, 2], LumaTolerance);
        // White stays white: the weights sum to one.
        var white = ImageConversion.ToFeatureMap(new PixelImage(1, 1, 3, [255, 255, 255]), 1, luma);
        Assert.Equal(1f, white[0, 0, 0], LumaTolerance);
    }

    [Fact]
    public void AlphaIsDroppedNotComposited()
    {
        // A fully transparent red pixel keeps its red.
        var rgba = new PixelImage(1, 1, 4, [255, 0, 0, 0]);
        var grayAlpha = new PixelImage(1, 1, 2, [77, 0]);

        var fromRgba = ImageConversion.ToFeatureMap(rgba, 3);
        var fromGrayAlpha = ImageConversion.ToFeatureMap(grayAlpha, 1);

        Assert.Equal(3, fromRgba.Channels);
        Assert.Equal((1f, 0f, 0f), (fromRgba[0, 0, 0], fromRgba[1, 0, 0], fromRgba[2, 0, 0]));
        Assert.Equal(77f / 255f, fromGrayAlpha[0, 0, 0], Exact);
    }

    [Fact]
    public void PaddingChannelsStayZero()
    {
        var map = ImageConversion.ToFeatureMap(new PixelImage(2, 2, 3, TestImages.Pattern(2, 2, 3)), 3);

        for (int p = 0; p < 4; p++)
            for (int c = 3; c < FeatureMap.BlockSize; c++) Assert.Equal(0f, map.Span[p * FeatureMap.BlockSize + c]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 3)]
    [InlineData(3, 3)]
    [InlineData(3, 1)]
    [InlineData(4, 3)]
    public void APlanarMapHoldsExactlyTheBlockedMapsValues(int components, int channels)
    {
        // 7×5: a plane of 35 floats, not a whole number of vectors or cache lines.
        var image = new PixelImage(7, 5, components, TestImages.Pattern(7, 5, components, seed: 3));

        var blocked = ImageConversion.ToFeatureMap(image, channels);
        var planar = ImageConversion.ToFeatureMap(image, channels, layout: ChannelLayout.Planar);

        Assert.Equal((ChannelLayout.Blocked, ChannelLayout.Planar), (blocked.Layout, planar.Layout));
        Assert.Equal(0f, FeatureMap.MaxAbsDifference(blocked, planar));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void OnlyOneOrThreeChannels(int channels) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageConversion.ToFeatureMap(new PixelImage(1, 1, 3), channels));

    [Fact]
    public void ToRgbaExpandsEveryLayout()
    {
        Assert.Equal(new byte[] { 9, 9, 9, 255 }, new PixelImage(1, 1, 1, [9]).ToRgba().Pixels);
        Assert.Equal(new byte[] { 9, 9, 9, 40 }, new PixelImage(1, 1, 2, [9, 40]).ToRgba().Pixels);
        Assert.Equal(new byte[] { 1, 2, 3, 255 }, new PixelImage(1, 1, 3, [1, 2, 3]).ToRgba().Pixels);
        var rgba = new PixelImage(1, 1, 4, [1, 2, 3, 4]);
        Assert.Same(rgba, rgba.ToRgba());
    }

    [Fact]
    public void PixelImageRejectsAWrongSizedArray() =>
        Assert.Throws<ArgumentException>(() => new PixelImage(2, 2, 3, new byte[11]));
}
