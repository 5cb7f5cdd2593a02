using RealtimeConv.Visualization;

namespace RealtimeConv.Tests.Visualization;

public sealed class ChannelGridLayoutTests
{
    [Fact]
    public void SixteenSquareTilesMakeFourByFour()
    {
        var layout = ChannelGridLayout.For(16, 10, 10, 2);

        Assert.Equal((4, 4), (layout.Columns, layout.Rows));
        Assert.Equal((4 * 10 + 3 * 2, 4 * 10 + 3 * 2), (layout.Width, layout.Height));
        Assert.Equal((0, 0), layout.TileOrigin(0));
        Assert.Equal((12, 12), layout.TileOrigin(5));
        Assert.Equal((36, 36), layout.TileOrigin(15));
    }

    [Fact]
    public void WideTilesStackIntoFewerColumns()
    {
        // 8 tiles of 40×10, gutter 1: 1×8 is 40×87 (|ln W/H| = 0.78), 2×4 is 81×43 (0.63), 3×3 is 122×32 (1.34).
        var layout = ChannelGridLayout.For(8, 40, 10, 1);

        Assert.Equal((2, 4), (layout.Columns, layout.Rows));
        Assert.Equal((81L, 43L), (layout.Width, layout.Height));
        Assert.Equal((41, 33), layout.TileOrigin(7));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 2, 2)]   // 2×2 with one empty cell beats 3×1
    [InlineData(8, 3, 3)]   // 3×3 (one empty) is square; 4×2 is 2:1
    [InlineData(32, 6, 6)]  // 6×6 (4 empty) is closer to square than 8×4
    [InlineData(64, 8, 8)]
    public void SquareTilesGiveNearSquareGrids(int tiles, int columns, int rows)
    {
        var layout = ChannelGridLayout.For(tiles, 16, 16, 2);

        Assert.Equal((columns, rows), (layout.Columns, layout.Rows));
        Assert.True(layout.Columns * layout.Rows >= tiles);
        Assert.True((layout.Rows - 1) * layout.Columns < tiles, "a whole row is empty");
    }

    [Fact]
    public void TilesNeverOverlapAndStayInside()
    {
        var layout = ChannelGridLayout.For(13, 7, 5, 2);
        var taken = new HashSet<(int, int)>();
        for (int i = 0; i < layout.Tiles; i++)
        {
            var (x0, y0) = layout.TileOrigin(i);
            Assert.True(x0 + layout.TileWidth <= layout.Width && y0 + layout.TileHeight <= layout.Height);
            for (int y = 0; y < layout.TileHeight; y++)
                for (int x = 0; x < layout.TileWidth; x++)
                    Assert.True(taken.Add((x0 + x, y0 + y)), $"tile {i} overlaps another");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.TileOrigin(13));
    }
}
