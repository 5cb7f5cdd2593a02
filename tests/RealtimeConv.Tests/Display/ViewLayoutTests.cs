using RealtimeConv.Viewer.Display;

namespace RealtimeConv.Tests.Display;

/// <summary>The viewer's layout: inside the framebuffer, aspect kept, tiles in their panel and apart, every mode and odd size.</summary>
public sealed class ViewLayoutTests
{
    /// <summary>A fitted rectangle's shorter side is rounded from the longer one: half a pixel off, one allowed.</summary>
    private const double AspectTolerancePixels = 1.0;

    public static TheoryData<int, int, ViewMode, int, int, int, int, int> Cases => new()
    {
        { 1280, 720, ViewMode.SideBySide, 640, 480, 12, 512, 512 },
        { 1280, 720, ViewMode.Standard, 640, 480, 12, 512, 512 },
        { 1280, 720, ViewMode.Separable, 640, 480, 12, 512, 512 },
        { 1920, 1080, ViewMode.SideBySide, 1920, 1080, 64, 240, 135 },
        { 800, 600, ViewMode.SideBySide, 300, 900, 1, 150, 450 },
        { 800, 600, ViewMode.Standard, 3000, 100, 7, 1500, 50 },
        { 640, 1000, ViewMode.SideBySide, 512, 512, 16, 256, 256 },
        { 40, 30, ViewMode.SideBySide, 640, 480, 64, 320, 240 },
        { 1, 1, ViewMode.SideBySide, 640, 480, 12, 320, 240 },
        { 0, 0, ViewMode.Standard, 640, 480, 12, 320, 240 },
        { 300, 200, ViewMode.SideBySide, 1, 1, 64, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EverythingFitsKeepsAspectAndDoesNotOverlap(int width, int height, ViewMode mode, int imageWidth, int imageHeight, int channels, int outWidth, int outHeight)
    {
        var layout = ViewLayout.Compute(width, height, mode, imageWidth, imageHeight, channels, outWidth, outHeight);
        var screen = new PixelRect(0, 0, width, height);
        foreach (var (name, rect) in new[] { ("image", layout.Image), ("hud", layout.Hud), ("graph", layout.Graph), ("standard", layout.StandardPanel), ("separable", layout.SeparablePanel) })
            Assert.True(screen.Contains(rect), $"{name} {rect} leaves the {width}×{height} framebuffer");
        AssertAspect(layout.Image, imageWidth, imageHeight, "image");
        Assert.False(layout.Image.Overlaps(layout.Hud) || layout.Image.Overlaps(layout.Graph) || layout.Hud.Overlaps(layout.Graph), "left column regions overlap");
        Assert.False(layout.StandardPanel.Overlaps(layout.SeparablePanel), "panels overlap");
        foreach (var panel in new[] { layout.StandardPanel, layout.SeparablePanel })
            Assert.False(panel.Overlaps(layout.Image) || panel.Overlaps(layout.Hud) || panel.Overlaps(layout.Graph), $"panel {panel} overlaps the left column");

        AssertTiles(layout.StandardTiles, layout.StandardPanel, mode != ViewMode.Separable, channels, outWidth, outHeight, "standard");
        AssertTiles(layout.SeparableTiles, layout.SeparablePanel, mode != ViewMode.Standard, channels, outWidth, outHeight, "separable");
    }

    [Fact]
    public void ModesOneAndTwoShowOnePanelAndThreeShowsTwoOfEqualSize()
    {
        var standard = ViewLayout.Compute(1280, 720, ViewMode.Standard, 640, 480, 12, 512, 512);
        Assert.False(standard.StandardPanel.IsEmpty);
        Assert.True(standard.SeparablePanel.IsEmpty);
        Assert.Empty(standard.SeparableTiles);

        var separable = ViewLayout.Compute(1280, 720, ViewMode.Separable, 640, 480, 12, 512, 512);
        Assert.True(separable.StandardPanel.IsEmpty);
        Assert.Empty(separable.StandardTiles);
        Assert.Equal(standard.StandardPanel, separable.SeparablePanel);

        var both = ViewLayout.Compute(1280, 720, ViewMode.SideBySide, 640, 480, 12, 512, 512);
        Assert.Equal((both.StandardPanel.Width, both.StandardPanel.Height), (both.SeparablePanel.Width, both.SeparablePanel.Height));
        Assert.True(both.StandardPanel.Right <= both.SeparablePanel.X, "standard panel is left of the separable one");
        Assert.Equal(both.StandardTiles.Select(t => (t.Width, t.Height)), both.SeparableTiles.Select(t => (t.Width, t.Height)));
        // One panel gets the room of two: its tiles are at least as large.
        Assert.True(standard.StandardTiles[0].Width >= both.StandardTiles[0].Width);
        Assert.Equal((both.StandardPanel.X + 4f, both.StandardPanel.Y + 2f), both.StandardTitle);
        Assert.Equal((both.SeparablePanel.X + 4f, both.SeparablePanel.Y + 2f), both.SeparableTitle);
    }

    [Fact]
    public void TilesUseTheGridThatMakesThemLargest()
    {
        // 12 square tiles in a wide panel: a 4×3 or 6×2 grid beats 12×1 and 1×12.
        var tiles = ViewLayout.Tiles(new PixelRect(0, 0, 1200, 400), 12, 100, 100);
        Assert.Equal(6, tiles.Select(t => t.X).Distinct().Count());
        Assert.All(tiles, t => Assert.Equal(new PixelRect(0, 0, 198, 198) with { X = t.X, Y = t.Y }, t));
        // Row-major: channel 1 is right of channel 0, channel 6 starts the second row.
        Assert.Equal(tiles[0].Y, tiles[1].Y);
        Assert.Equal(tiles[0].X, tiles[6].X);
        Assert.Equal(tiles[0].Bottom + ViewLayout.Gutter, tiles[6].Y);
    }

    [Fact]
    public void FitCentresAndKeepsAspect()
    {
        Assert.Equal(new PixelRect(10, 35, 100, 50), new PixelRect(10, 10, 100, 100).Fit(640, 320));
        Assert.Equal(new PixelRect(35, 10, 50, 100), new PixelRect(10, 10, 100, 100).Fit(1, 2));
        Assert.True(new PixelRect(0, 0, 0, 10).Fit(4, 3).IsEmpty);
        Assert.True(new PixelRect(0, 0, 10, 10).Fit(0, 3).IsEmpty);
    }

    private static void AssertTiles(IReadOnlyList<PixelRect> tiles, PixelRect panel, bool shown, int channels, int outWidth, int outHeight, string what)
    {
        if (!shown) { Assert.Empty(tiles); Assert.True(panel.IsEmpty, $"{what} panel shows in a mode that hides it"); return; }
        Assert.Equal(channels, tiles.Count);
        var drawn = tiles.Where(t => !t.IsEmpty).ToArray();
        // A tile is empty only when none fits: then all are.
        Assert.True(drawn.Length == 0 || drawn.Length == channels, $"{what}: {drawn.Length} of {channels} tiles drawn");
        for (int i = 0; i < drawn.Length; i++)
        {
            Assert.True(panel.Contains(drawn[i]), $"{what} tile {i} {drawn[i]} leaves its panel {panel}");
            Assert.True(drawn[i].Y >= panel.Y + ViewLayout.TitleHeight, $"{what} tile {i} covers the title strip");
            AssertAspect(drawn[i], outWidth, outHeight, $"{what} tile {i}");
            for (int j = i + 1; j < drawn.Length; j++)
                Assert.False(drawn[i].Overlaps(drawn[j]), $"{what} tiles {i} {drawn[i]} and {j} {drawn[j]} overlap");
        }
    }

    private static void AssertAspect(PixelRect rect, int width, int height, string what)
    {
        if (rect.IsEmpty) return;
        // Either side predicted from the other must be within the tolerance.
        double widthError = Math.Abs(rect.Width - rect.Height * (double)width / height);
        double heightError = Math.Abs(rect.Height - rect.Width * (double)height / width);
        Assert.True(Math.Min(widthError, heightError) <= AspectTolerancePixels,
            $"{what} {rect.Width}×{rect.Height} does not keep the aspect {width}:{height}");
    }
}
