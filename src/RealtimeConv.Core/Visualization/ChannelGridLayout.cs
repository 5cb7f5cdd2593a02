namespace RealtimeConv.Visualization;

/// <summary>
/// Where each channel's tile goes in a grid: tiles of <see cref="TileWidth"/>×<see cref="TileHeight"/> in
/// row-major order (channel i at column i mod Columns, row i div Columns), separated by
/// <see cref="Gutter"/> pixels, with no gutter around the outside.
/// </summary>
public sealed record ChannelGridLayout
{
    private ChannelGridLayout(int tiles, int columns, int tileWidth, int tileHeight, int gutter)
    {
        Tiles = tiles;
        Columns = columns;
        Rows = (tiles + columns - 1) / columns;
        TileWidth = tileWidth;
        TileHeight = tileHeight;
        Gutter = gutter;
    }

    /// <summary>Number of tiles (channels).</summary>
    public int Tiles { get; }

    /// <summary>Tiles per row.</summary>
    public int Columns { get; }

    /// <summary>Rows of tiles: <c>ceil(Tiles / Columns)</c>.</summary>
    public int Rows { get; }

    /// <summary>Tile width in pixels (the map's width).</summary>
    public int TileWidth { get; }

    /// <summary>Tile height in pixels (the map's height).</summary>
    public int TileHeight { get; }

    /// <summary>Pixels between neighbouring tiles.</summary>
    public int Gutter { get; }

    /// <summary>Grid width: <c>Columns·TileWidth + (Columns − 1)·Gutter</c>.</summary>
    public long Width => (long)Columns * TileWidth + (Columns - 1L) * Gutter;

    /// <summary>Grid height: <c>Rows·TileHeight + (Rows − 1)·Gutter</c>.</summary>
    public long Height => (long)Rows * TileHeight + (Rows - 1L) * Gutter;

    /// <summary>Top-left pixel of tile <paramref name="index"/>.</summary>
    public (int X, int Y) TileOrigin(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Tiles);
        return ((index % Columns) * (TileWidth + Gutter), (index / Columns) * (TileHeight + Gutter));
    }

    /// <summary>
    /// The near-square grid for <paramref name="tiles"/> tiles: among all column counts 1..tiles, the one
    /// whose grid aspect <c>W/H</c> is closest to 1 in log scale (|ln(W/H)| smallest, so 2:1 and 1:2 are
    /// equally far); ties go to fewer empty cells, then to fewer columns.
    /// </summary>
    public static ChannelGridLayout For(int tiles, int tileWidth, int tileHeight, int gutter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tiles, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileHeight, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(gutter);
        const double Tie = 1e-9;
        int bestColumns = 1;
        double bestScore = double.PositiveInfinity;
        long bestEmpty = long.MaxValue;
        for (int columns = 1; columns <= tiles; columns++)
        {
            long rows = (tiles + columns - 1) / columns;
            double width = (double)columns * tileWidth + (columns - 1.0) * gutter;
            double height = rows * (double)tileHeight + (rows - 1.0) * gutter;
            double score = Math.Abs(Math.Log(width / height));
            long empty = columns * rows - tiles;
            if (score < bestScore - Tie || (score <= bestScore + Tie && empty < bestEmpty))
            {
                bestColumns = columns;
                bestScore = score;
                bestEmpty = empty;
            }
        }
        return new ChannelGridLayout(tiles, bestColumns, tileWidth, tileHeight, gutter);
    }
}
