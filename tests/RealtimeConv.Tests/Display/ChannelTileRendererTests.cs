using RealtimeConv.Tensors;
using RealtimeConv.Tests.Gpu;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Visualization;

namespace RealtimeConv.Tests.Display;

/// <summary>
/// channel_tile.frag and channel_range.comp against their managed mirrors (ChannelVisualizer,
/// ChannelRange): every channel drawn at the map's own size must match RenderChannel pixel for pixel.
/// </summary>
[Collection(GpuCollection.Name)]
public sealed class ChannelTileRendererTests(GpuFixture gpu)
{
    /// <summary>
    /// Seven channels of 13×17: signed noise, non-negative noise, a NaN and ±∞ among signed values,
    /// a constant positive channel, an all-zero channel, a tiny-range channel and a large-magnitude one.
    /// </summary>
    private static FeatureMap MixedMap(int seed = 5)
    {
        const int channels = 7, height = 13, width = 17;
        var random = new Random(seed);
        var values = new float[channels * height * width];
        int plane = height * width;
        for (int p = 0; p < plane; p++)
        {
            values[p] = (float)(random.NextDouble() * 4 - 1.5);
            values[plane + p] = (float)(random.NextDouble() * 3);
            values[2 * plane + p] = (float)(random.NextDouble() * 2 - 1);
            values[3 * plane + p] = 0.75f;
            values[4 * plane + p] = 0f;
            values[5 * plane + p] = 1f + (float)random.NextDouble() * 1e-3f;
            values[6 * plane + p] = (float)(random.NextDouble() * 2e4 - 5e3);
        }
        values[2 * plane + 3] = float.NaN;
        values[2 * plane + 40] = float.PositiveInfinity;
        values[2 * plane + 41] = float.NegativeInfinity;
        values[1 * plane + 7] = float.NaN;
        return FeatureMap.FromPlanar(values, channels, height, width);
    }

    [Theory]
    [InlineData(ChannelNormalization.PerChannel, ChannelColormap.AutoViridis)]
    [InlineData(ChannelNormalization.Global, ChannelColormap.AutoViridis)]
    [InlineData(ChannelNormalization.PerChannel, ChannelColormap.AutoGrayscale)]
    [InlineData(ChannelNormalization.PerChannel, ChannelColormap.Viridis)]
    [InlineData(ChannelNormalization.Global, ChannelColormap.Diverging)]
    [InlineData(ChannelNormalization.PerChannel, ChannelColormap.Grayscale)]
    public void TilesAtTheMapsSizeMatchChannelVisualizer(ChannelNormalization normalization, ChannelColormap colormap)
    {
        var map = MixedMap();
        // One tile per channel at exactly the map's size, one pixel apart, on a 2-row grid.
        const int gap = 1, columns = 4;
        var tiles = Enumerable.Range(0, map.Channels)
            .Select(c => new PixelRect(gap + c % columns * (map.Width + gap), gap + c / columns * (map.Height + gap), map.Width, map.Height)).ToArray();
        int fbWidth = gap + columns * (map.Width + gap), fbHeight = gap + 2 * (map.Height + gap);

        var image = gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var renderer = new ChannelTileRenderer(device, DisplayTestKit.ShaderDirectory);
            using var gpuMap = DisplayTestKit.Upload(device, map);
            using var target = new OffscreenFramebuffer(device, fbWidth, fbHeight);
            target.Clear(0, 0, 0);
            renderer.Draw(gpuMap, tiles, normalization, colormap, fbWidth, fbHeight);
            return target.ReadRgba();
        });

        var options = new VisualizationOptions { Normalization = normalization, Colormap = colormap };
        for (int c = 0; c < map.Channels; c++)
            DisplayTestKit.ImageAt(ChannelVisualizer.RenderChannel(map, c, options), image, tiles[c].X, tiles[c].Y, $"channel {c} ({normalization}, {colormap})");
        // The gaps between tiles stay the clear colour: no tile draws outside its rectangle.
        for (int x = 0; x < fbWidth; x++) Assert.Equal(0, image.Pixels[image.IndexOf(x, 0, 1)]);
    }

    [Fact]
    public void AnEnlargedTileRepeatsEachMapPixel()
    {
        // Nearest-neighbour scaling by 3: screen pixel (x, y) of the tile shows map pixel (x / 3, y / 3).
        const int scale = 3;
        var map = MixedMap(9);
        var tile = new PixelRect(2, 1, map.Width * scale, map.Height * scale);
        var image = gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var renderer = new ChannelTileRenderer(device, DisplayTestKit.ShaderDirectory);
            using var gpuMap = DisplayTestKit.Upload(device, map);
            using var target = new OffscreenFramebuffer(device, tile.Right + 2, tile.Bottom + 2);
            target.Clear(0, 0, 0);
            renderer.Draw(gpuMap, [tile], ChannelNormalization.PerChannel, target.Width, target.Height);
            return target.ReadRgba();
        });
        var expected = ChannelVisualizer.RenderChannel(map, 0);
        for (int y = 0; y < tile.Height; y++)
            for (int x = 0; x < tile.Width; x++)
                for (int k = 0; k < 3; k++)
                    Assert.InRange(image.Pixels[image.IndexOf(tile.X + x, tile.Y + y, k)] - expected.Pixels[expected.IndexOf(x / scale, y / scale, k)],
                        -DisplayTestKit.ColourTolerance, DisplayTestKit.ColourTolerance);
    }

    [Fact]
    public void ChannelRangeShaderMatchesChannelRangeMeasure()
    {
        // Maps of one chunk and of several (4096 pixels per chunk, the last one partial), channel counts
        // that are not multiples of 4, a single pixel, and a channel of NaN only.
        var nanOnly = GpuAssert.RandomMap(new Random(6), 3, 70, 65);
        for (int p = 0; p < 70 * 65; p++) nanOnly[1, p / 65, p % 65] = float.NaN;
        foreach (var map in new[] { MixedMap(), GpuAssert.RandomMap(new Random(3), 5, 33, 41), GpuAssert.RandomMap(new Random(4), 1, 1, 1), nanOnly })
        {
            var ranges = gpu.Gl(() =>
            {
                var device = gpu.Backend.Device;
                using var renderer = new ChannelTileRenderer(device, DisplayTestKit.ShaderDirectory);
                using var gpuMap = DisplayTestKit.Upload(device, map);
                return renderer.ReadRanges(gpuMap);
            });
            var merged = ChannelRange.Empty;
            for (int c = 0; c < map.Channels; c++)
            {
                var expected = ChannelRange.Measure(map, c);
                merged = merged.Merge(expected);
                // min and max pick values, they do not compute them: equal, not close.
                Assert.Equal(expected, ranges[c]);
            }
            Assert.Equal(merged, ranges[map.Channels]);
        }
    }

    [Fact]
    public void DisposeReturnsTheObjectCount()
    {
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            int before = device.Objects.Total;
            using (var gpuMap = DisplayTestKit.Upload(device, MixedMap()))
            using (var target = new OffscreenFramebuffer(device, 64, 64))
            using (var renderer = new ChannelTileRenderer(device, DisplayTestKit.ShaderDirectory))
            {
                target.Bind();
                renderer.Draw(gpuMap, ViewLayout.Tiles(new PixelRect(0, 0, 64, 64), 7, 17, 13), ChannelNormalization.Global, 64, 64);
                renderer.Reload();
                Assert.True(device.Objects.Total > before);
            }
            Assert.Equal(before, device.Objects.Total);
        });
    }

    [Fact]
    public void TooManyTilesAreRefused()
    {
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var renderer = new ChannelTileRenderer(device, DisplayTestKit.ShaderDirectory);
            using var gpuMap = DisplayTestKit.Upload(device, GpuAssert.RandomMap(new Random(1), 2, 4, 4));
            var e = Assert.Throws<ArgumentException>(() => renderer.Draw(gpuMap, new PixelRect[3], ChannelNormalization.PerChannel, 8, 8));
            Assert.Contains("3 tiles", e.Message);
        });
    }
}
