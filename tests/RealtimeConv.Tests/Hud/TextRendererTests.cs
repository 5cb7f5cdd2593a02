using RealtimeConv.Tests.Display;
using RealtimeConv.Tests.Gpu;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Viewer.Hud;

namespace RealtimeConv.Tests.Hud;

/// <summary>The glyph atlas and the text batch: ink lands where the atlas says, nothing else is touched, no allocation per frame.</summary>
[Collection(GpuCollection.Name)]
public sealed class TextRendererTests(GpuFixture gpu)
{
    private const float PixelSize = 16f;

    /// <summary>White text blended on black reproduces the atlas coverage; GL's unorm rounding may differ by a level.</summary>
    private const int CoverageTolerance = 1;

    [Fact]
    public void AtlasCoversEveryRequiredCharacterWithInk()
    {
        gpu.Gl(() =>
        {
            using var atlas = new GlyphAtlas(gpu.Backend.Device, GlyphAtlas.DefaultFontPath, PixelSize);
            var required = Enumerable.Range(33, 126 - 32).Select(c => (char)c).Concat(GlyphAtlas.ExtraCharacters);
            foreach (char c in required)
            {
                Assert.True(atlas.Covers(c), $"'{c}' not covered");
                var g = atlas[c];
                Assert.True(g.Width > 0 && g.Height > 0, $"'{c}' has an empty cell");
                int ink = 0;
                for (int y = g.AtlasY; y < g.AtlasY + g.Height; y++)
                    for (int x = g.AtlasX; x < g.AtlasX + g.Width; x++) ink += atlas.Coverage[y * atlas.Width + x];
                Assert.True(ink > 0, $"'{c}' has no ink in the atlas");
            }
            Assert.Equal(0, atlas[' '].Width);
            Assert.False(atlas.Covers('\u4e00'));
            Assert.Equal(atlas['?'], atlas['\u4e00']);
            // Monospace: every advance is the same, and widths add up.
            Assert.Equal(atlas.Advance('M'), atlas.Advance('i'));
            Assert.Equal(5 * atlas.Advance('x'), atlas.MeasureWidth("a→b·c"), 3);
            Assert.InRange(atlas.LineHeight, PixelSize, PixelSize * 1.6f);
        });
    }

    [Fact]
    public void TextInkMatchesTheAtlasCoverageAtTheGlyphsPlace()
    {
        const int x0 = 10, y0 = 6, fbWidth = 160, fbHeight = 40;
        const string text = "A# µ";
        var (image, glyphs, advance) = gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var atlas = new GlyphAtlas(device, GlyphAtlas.DefaultFontPath, PixelSize);
            using var renderer = new TextRenderer(device, atlas, DisplayTestKit.ShaderDirectory);
            using var target = new OffscreenFramebuffer(device, fbWidth, fbHeight);
            target.Clear(0, 0, 0);
            renderer.Begin(fbWidth, fbHeight);
            renderer.Add(text, x0, y0, Rgba.White);
            Assert.Equal(3, renderer.PendingQuads);
            renderer.Flush();
            var cells = text.Select(c => (atlas[c], Coverage: CellCoverage(atlas, atlas[c]))).ToArray();
            return (target.ReadRgba(), cells, atlas.Advance('A'));
        });

        var expected = new int[fbWidth, fbHeight];
        for (int i = 0; i < text.Length; i++)
        {
            var (g, coverage) = glyphs[i];
            int left = (int)MathF.Round(x0 + i * advance) + g.OffsetX, top = y0 + g.OffsetY;
            for (int y = 0; y < g.Height; y++)
                for (int x = 0; x < g.Width; x++)
                    expected[left + x, top + y] = Math.Max(expected[left + x, top + y], coverage[y * g.Width + x]);
        }
        int inked = 0;
        for (int y = 0; y < fbHeight; y++)
            for (int x = 0; x < fbWidth; x++)
            {
                int actual = image.Pixels[image.IndexOf(x, y, 0)];
                if (Math.Abs(actual - expected[x, y]) > CoverageTolerance)
                    Assert.Fail($"pixel ({x}, {y}): rendered {actual}, atlas says {expected[x, y]}");
                if (actual > 0) inked++;
            }
        Assert.True(inked > 20, $"only {inked} inked pixels");
        // The space's column range holds no ink.
        int spaceLeft = (int)MathF.Round(x0 + 2 * advance) + 2, spaceRight = (int)MathF.Round(x0 + 3 * advance) - 2;
        Assert.All(Enumerable.Range(spaceLeft, spaceRight - spaceLeft), x => Assert.All(Enumerable.Range(0, fbHeight), y => Assert.Equal(0, image.Pixels[image.IndexOf(x, y, 0)])));
    }

    [Fact]
    public void EmptyTextDrawsNothingAndFillRectBlends()
    {
        const int size = 32;
        var (afterEmpty, afterFill, pending) = gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var atlas = new GlyphAtlas(device, GlyphAtlas.DefaultFontPath, PixelSize);
            using var renderer = new TextRenderer(device, atlas, DisplayTestKit.ShaderDirectory);
            using var target = new OffscreenFramebuffer(device, size, size);
            target.Clear(0.2f, 0.4f, 0.6f);
            renderer.Begin(size, size);
            renderer.Add("", 3, 3, Rgba.White);
            renderer.Add("   ", 3, 3, Rgba.White);
            int quads = renderer.PendingQuads;
            renderer.Flush();
            var empty = target.ReadRgba();
            renderer.Begin(size, size);
            renderer.FillRect(new PixelRect(4, 8, 10, 6), new Rgba(1f, 0f, 0f, 0.5f));
            renderer.Flush();
            return (empty, target.ReadRgba(), quads);
        });
        Assert.Equal(0, pending);
        Assert.All(Enumerable.Range(0, size * size), p => Assert.Equal(new byte[] { 51, 102, 153, 255 }, afterEmpty.Pixels.AsSpan(p * 4, 4).ToArray()));
        // 50 % red over (51, 102, 153): (153, 51, 77) inside the rectangle, untouched outside.
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                bool inside = x >= 4 && x < 14 && y >= 8 && y < 14;
                var expected = inside ? new[] { 153, 51, 77 } : new[] { 51, 102, 153 };
                for (int k = 0; k < 3; k++)
                    Assert.InRange(afterFill.Pixels[afterFill.IndexOf(x, y, k)] - expected[k], -CoverageTolerance, CoverageTolerance);
            }
    }

    [Fact]
    public void AddAndFlushAllocateNothingAfterWarmUp()
    {
        long allocated = gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var atlas = new GlyphAtlas(device, GlyphAtlas.DefaultFontPath, PixelSize);
            using var renderer = new TextRenderer(device, atlas, DisplayTestKit.ShaderDirectory, maxGlyphs: 256);
            using var target = new OffscreenFramebuffer(device, 64, 64);
            var line = new char[32];
            void Frame(int i)
            {
                renderer.Begin(64, 64);
                renderer.FillRect(new PixelRect(0, 0, 60, 30), new Rgba(0, 0, 0, 0.5f));
                i.TryFormat(line, out int written);
                renderer.Add(line.AsSpan(0, written), 2, 2, Rgba.White);
                renderer.Add("ms ×2 → ≤", 2, 18, new Rgba(1, 1, 0, 1));
                renderer.Flush();
            }
            target.Bind();
            for (int i = 0; i < 3; i++) Frame(i);
            int frame = 0;
            return AllocationWindows.Quietest(50, () => Frame(frame++));
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void FullBatchDropsAndCountsInsteadOfGrowing()
    {
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var atlas = new GlyphAtlas(device, GlyphAtlas.DefaultFontPath, PixelSize);
            using var renderer = new TextRenderer(device, atlas, DisplayTestKit.ShaderDirectory, maxGlyphs: 4);
            renderer.Begin(64, 64);
            renderer.Add("abcdef", 0, 0, Rgba.White);
            Assert.Equal((4, 2), (renderer.PendingQuads, renderer.Dropped));
        });
    }

    [Fact]
    public void DisposeReturnsTheObjectCount()
    {
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            int before = device.Objects.Total;
            using (var atlas = new GlyphAtlas(device, GlyphAtlas.DefaultFontPath, PixelSize))
            using (var renderer = new TextRenderer(device, atlas, DisplayTestKit.ShaderDirectory))
            using (var target = new OffscreenFramebuffer(device, 8, 8))
            {
                // A headless context has no default framebuffer: drawing needs a target of its own.
                target.Bind();
                renderer.Begin(8, 8);
                renderer.Add("x", 0, 0, Rgba.White);
                renderer.Flush();
                Assert.True(renderer.Reload());
            }
            Assert.Equal(before, device.Objects.Total);
        });
    }

    [Fact]
    public void MissingFontNamesThePath()
    {
        var e = gpu.Gl(() => Assert.Throws<FileNotFoundException>(() => new GlyphAtlas(gpu.Backend.Device, "/nonexistent/font.ttf", PixelSize)));
        Assert.Contains("/nonexistent/font.ttf", e.Message);
    }

    private static byte[] CellCoverage(GlyphAtlas atlas, Glyph g)
    {
        var cell = new byte[g.Width * g.Height];
        for (int y = 0; y < g.Height; y++)
            atlas.Coverage.AsSpan((g.AtlasY + y) * atlas.Width + g.AtlasX, g.Width).CopyTo(cell.AsSpan(y * g.Width));
        return cell;
    }
}
