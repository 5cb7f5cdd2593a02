using System.Numerics;
using RealtimeConv.Imaging;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Imaging;
using RealtimeConv.Visualization;

namespace RealtimeConv.Tests.Visualization;

public sealed class ChannelVisualizerTests
{
    private static readonly VisualizationOptions Gray = new() { Colormap = ChannelColormap.AutoGrayscale, Labels = false };

    private static (byte R, byte G, byte B, byte A) Pixel(PixelImage image, int x, int y)
    {
        int i = image.IndexOf(x, y);
        return (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2], image.Pixels[i + 3]);
    }

    private static (byte, byte, byte, byte) Rgba(Vector3 c) => (Colormaps.ToByte(c.X), Colormaps.ToByte(c.Y), Colormaps.ToByte(c.Z), 255);

    private static FeatureMap Ramp(int channels, int height, int width, Func<int, int, int, float> value)
    {
        var map = new FeatureMap(channels, height, width);
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) map[c, y, x] = value(c, y, x);
        return map;
    }

    [Fact]
    public void PerChannelStretchesEachChannelGlobalSharesOneRange()
    {
        // Channel 0 spans [0, 1], channel 1 spans [0, 100] along x.
        var map = Ramp(2, 1, 5, (c, _, x) => x / 4f * (c == 0 ? 1f : 100f));

        var perChannel = ChannelVisualizer.RenderChannel(map, 0, Gray);
        var global = ChannelVisualizer.RenderChannel(map, 0, Gray with { Normalization = ChannelNormalization.Global });

        Assert.Equal((5, 1, 4), (perChannel.Width, perChannel.Height, perChannel.Components));
        Assert.Equal((0, 0, 0, 255), Pixel(perChannel, 0, 0));
        Assert.Equal((64, 64, 64, 255), Pixel(perChannel, 1, 0));   // 0.25 → round(63.75)
        Assert.Equal((255, 255, 255, 255), Pixel(perChannel, 4, 0));
        Assert.Equal((3, 3, 3, 255), Pixel(global, 4, 0));          // 1/100 of the shared range → round(2.55)
        var channel1Global = ChannelVisualizer.RenderChannel(map, 1, Gray with { Normalization = ChannelNormalization.Global });
        Assert.Equal((255, 255, 255, 255), Pixel(channel1Global, 4, 0));
    }

    [Fact]
    public void ConstantChannelsDoNotDivideByZero()
    {
        // Channel 0: all 7 (sequential → mid-grey). Channel 1: all −2 (diverging → full blue). Channel 2: all 0.
        var map = Ramp(3, 2, 2, (c, _, _) => c switch { 0 => 7f, 1 => -2f, _ => 0f });

        var mid = ChannelVisualizer.RenderChannel(map, 0, Gray);
        var negative = ChannelVisualizer.RenderChannel(map, 1, Gray);
        var zero = ChannelVisualizer.RenderChannel(map, 2, Gray);
        var zeroDiverging = ChannelVisualizer.RenderChannel(map, 2, Gray with { Colormap = ChannelColormap.Diverging });

        Assert.All(Enumerable.Range(0, 4), p => Assert.Equal((128, 128, 128, 255), Pixel(mid, p % 2, p / 2)));
        Assert.Equal(Rgba(Colormaps.DivergingNegative), Pixel(negative, 1, 1));
        Assert.Equal((128, 128, 128, 255), Pixel(zero, 0, 0));
        Assert.Equal((255, 255, 255, 255), Pixel(zeroDiverging, 0, 0));
    }

    [Fact]
    public void AnyNegativeValueSelectsTheDivergingMapPerChannel()
    {
        // Channel 0: [−1, 3] has a negative → diverging, 0 is white, 3 is full red, −1 is a third of the way to blue.
        // Channel 1: [0, 3] → viridis.
        float[] row0 = [-1f, 0f, 3f];
        float[] row1 = [0f, 1.5f, 3f];
        var map = Ramp(2, 1, 3, (c, _, x) => c == 0 ? row0[x] : row1[x]);

        var signed = ChannelVisualizer.RenderChannel(map, 0);
        var positive = ChannelVisualizer.RenderChannel(map, 1);

        Assert.Equal(Rgba(Colormaps.Diverging(-1f / 3f)), Pixel(signed, 0, 0));
        Assert.Equal((255, 255, 255, 255), Pixel(signed, 1, 0));
        Assert.Equal(Rgba(Colormaps.DivergingPositive), Pixel(signed, 2, 0));
        Assert.Equal(Rgba(Colormaps.Viridis(0f)), Pixel(positive, 0, 0));
        Assert.Equal(Rgba(Colormaps.Viridis(0.5f)), Pixel(positive, 1, 0));
        Assert.Equal(Rgba(Colormaps.Viridis(1f)), Pixel(positive, 2, 0));

        // Under global normalisation the rule applies once: channel 1 turns diverging too.
        var globalPositive = ChannelVisualizer.RenderChannel(map, 1, new VisualizationOptions { Normalization = ChannelNormalization.Global });
        Assert.Equal((255, 255, 255, 255), Pixel(globalPositive, 0, 0));
    }

    [Fact]
    public void NaNAndInfinityNeitherPoisonTheRangeNorCrash()
    {
        float[] values = [float.NaN, 0f, 2f, 4f, float.PositiveInfinity];
        var map = Ramp(1, 1, 5, (_, _, x) => values[x]);

        var image = ChannelVisualizer.RenderChannel(map, 0, Gray);

        Assert.Equal(Rgba(Colormaps.NaNColour), Pixel(image, 0, 0));
        Assert.Equal((0, 0, 0, 255), Pixel(image, 1, 0));
        Assert.Equal((128, 128, 128, 255), Pixel(image, 2, 0)); // range is [0, 4] from the finite values
        Assert.Equal((255, 255, 255, 255), Pixel(image, 3, 0));
        Assert.Equal((255, 255, 255, 255), Pixel(image, 4, 0));

        var allNaN = Ramp(1, 2, 2, (_, _, _) => float.NaN);
        Assert.Equal(Rgba(Colormaps.NaNColour), Pixel(ChannelVisualizer.RenderChannel(allNaN, 0), 1, 1));
    }

    [Fact]
    public void GridPlacesEveryChannelInItsTileWithGutters()
    {
        // 5 channels of 3×2, each constant at its index: per-channel constant → all mid-grey, so use global
        // grayscale where channel c renders c/4.
        var map = Ramp(5, 2, 3, (c, _, _) => c);
        var options = Gray with { Normalization = ChannelNormalization.Global, Colormap = ChannelColormap.Grayscale, Gutter = 1 };

        var image = ChannelVisualizer.RenderGrid(map, options);
        var layout = ChannelVisualizer.Layout(map, options);

        Assert.Equal(((int)layout.Width, (int)layout.Height), (image.Width, image.Height));
        for (int c = 0; c < 5; c++)
        {
            var (x0, y0) = layout.TileOrigin(c);
            byte level = Colormaps.ToByte(c / 4f);
            for (int y = 0; y < 2; y++)
                for (int x = 0; x < 3; x++) Assert.Equal((level, level, level, (byte)255), Pixel(image, x0 + x, y0 + y));
        }
        var gutter = Rgba(ChannelVisualizer.GutterColour);
        Assert.Equal(gutter, Pixel(image, 3, 0));                 // between tiles 0 and 1
        Assert.Equal(gutter, Pixel(image, image.Width - 1, image.Height - 1)); // the unused sixth cell
    }

    [Fact]
    public void LabelsAreDrawnOnTilesOfAtLeast24Pixels()
    {
        // 12 constant channels of 24×24 → mid-grey tiles; channel 11 carries "11" at scale 1.
        var map = new FeatureMap(12, 24, 24);
        var image = ChannelVisualizer.RenderGrid(map, new VisualizationOptions { Colormap = ChannelColormap.Grayscale });
        var layout = ChannelVisualizer.Layout(map);
        var (x0, y0) = layout.TileOrigin(11);

        // Box: (2 glyphs·3 + 1 spacing + 2 margin) × (5 + 2) pixels; ink where the font says, black elsewhere.
        for (int y = 0; y < 7; y++)
            for (int x = 0; x < 9; x++)
            {
                int gx = x - 1, gy = y - 1, glyph = gx / 4, fx = gx % 4;
                bool ink = gx >= 0 && gy is >= 0 and < 5 && glyph < 2 && fx < 3 && DigitFont.IsSet(1, fx, gy);
                Assert.Equal(ink ? (255, 255, 255, 255) : (0, 0, 0, 255), Pixel(image, x0 + x, y0 + y));
            }
        Assert.Equal((128, 128, 128, 255), Pixel(image, x0 + 9, y0));   // the tile resumes right of the box
        Assert.Equal((128, 128, 128, 255), Pixel(image, x0, y0 + 7));   // and below it

        // Tiles of 23 pixels carry no label: every tile pixel is mid-grey.
        var small = new FeatureMap(4, 23, 23);
        var plain = ChannelVisualizer.RenderGrid(small, new VisualizationOptions { Colormap = ChannelColormap.Grayscale });
        var smallLayout = ChannelVisualizer.Layout(small);
        for (int c = 0; c < 4; c++)
        {
            var (sx, sy) = smallLayout.TileOrigin(c);
            for (int y = 0; y < 23; y++)
                for (int x = 0; x < 23; x++) Assert.Equal((128, 128, 128, 255), Pixel(plain, sx + x, sy + y));
        }
    }

    [Fact]
    public void LargeTilesGetDoubleSizeLabelsAndDigitsAreDistinct()
    {
        var layout = ChannelGridLayout.For(1, 96, 96, 2);
        Assert.Equal(2, ChannelVisualizer.LabelScale(layout, new VisualizationOptions()));
        Assert.Equal(0, ChannelVisualizer.LabelScale(layout, new VisualizationOptions { Labels = false }));
        Assert.Equal(1, ChannelVisualizer.LabelScale(ChannelGridLayout.For(1, 95, 24, 2), new VisualizationOptions()));

        // Ten different glyphs, each fitting 3×5.
        var glyphs = Enumerable.Range(0, 10).Select(d =>
            string.Concat(Enumerable.Range(0, 15).Select(i => DigitFont.IsSet(d, i % 3, i / 3) ? '#' : '.'))).ToList();
        Assert.Equal(10, glyphs.Distinct().Count());

        // A 96×96 tile at scale 2: channel 0's glyph pixel (0, 0) is ink, a 2×2 block at (2, 2)..(3, 3).
        var image = ChannelVisualizer.RenderGrid(new FeatureMap(1, 96, 96), new VisualizationOptions { Colormap = ChannelColormap.Grayscale });
        foreach (var (x, y) in new[] { (2, 2), (3, 2), (2, 3), (3, 3) }) Assert.Equal((255, 255, 255, 255), Pixel(image, x, y));
        Assert.Equal((0, 0, 0, 255), Pixel(image, 4, 4)); // glyph pixel (1, 1) of "0" is blank
    }

    [Fact]
    public void OversizedGridsAndBadOptionsAreRefused()
    {
        // 1024 tiles of 512² would be a 32 × 32 grid of 16446² pixels (a map that size is 1 GiB, so the
        // check is called on the layout alone).
        var ex = Assert.Throws<ArgumentException>(() =>
            ChannelVisualizer.EnsureWithinLimits(ChannelGridLayout.For(1024, 512, 512, 2), "1024×512×512"));
        Assert.Contains("1024×512×512 is 16446×16446", ex.Message);
        ChannelVisualizer.EnsureWithinLimits(ChannelGridLayout.For(64, 512, 512, 2), "64×512×512");
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelVisualizer.RenderGrid(new FeatureMap(1, 2, 2), new VisualizationOptions { Gutter = 9 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelVisualizer.RenderChannel(new FeatureMap(2, 2, 2), 2));
    }

    [Theory]
    [InlineData(ChannelColormap.Diverging, ChannelNormalization.PerChannel)]
    [InlineData(ChannelColormap.AutoGrayscale, ChannelNormalization.Global)]
    public void APlanarMapRendersPixelForPixelAsItsBlockedTwin(ChannelColormap colormap, ChannelNormalization normalization)
    {
        // 3 channels (an image) and 5 (past a planar kernel's limit, still a legal planar map), with NaN and ±∞ in.
        foreach (int channels in new[] { 3, 5 })
        {
            var blocked = Ramp(channels, 6, 7, (c, y, x) => (c * 7 + y * 3 - x) switch
            {
                0 => float.NaN,
                5 => float.PositiveInfinity,
                -4 => float.NegativeInfinity,
                var v => v * 0.37f,
            });
            var planar = blocked.InLayout(ChannelLayout.Planar);
            var options = new VisualizationOptions { Colormap = colormap, Normalization = normalization, Gutter = 1 };
            Assert.Equal(ChannelVisualizer.RenderGrid(blocked, options).Pixels, ChannelVisualizer.RenderGrid(planar, options).Pixels);
            for (int c = 0; c < channels; c++)
                Assert.Equal(ChannelVisualizer.RenderChannel(blocked, c, options).Pixels, ChannelVisualizer.RenderChannel(planar, c, options).Pixels);
        }
    }
}
