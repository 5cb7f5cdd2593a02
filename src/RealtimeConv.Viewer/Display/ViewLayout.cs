namespace RealtimeConv.Viewer.Display;

/// <summary>
/// Where everything goes in the viewer's framebuffer (pixels, top-left origin). A strip along the
/// bottom holds the HUD text and, at its right end, the frame-time graph; above it a left column holds
/// the input image (aspect kept) and the rest one panel per shown mode, each a title strip over a grid of channel tiles (aspect of the
/// output kept). Pure arithmetic: computed again whenever the window or the shapes change.
/// </summary>
public sealed class ViewLayout
{
    /// <summary>Space between regions, in pixels (less in a tiny window).</summary>
    public const int Margin = 8;

    /// <summary>Height of a panel's title strip.</summary>
    public const int TitleHeight = 22;

    /// <summary>Pixels between tiles, dropped when the tiles would be smaller than <see cref="GutterMinTile"/>.</summary>
    public const int Gutter = 2;

    /// <summary>Smallest tile side that keeps a gutter: below it the gutter would eat most of the tile.</summary>
    public const int GutterMinTile = 8;

    /// <summary>Tallest frame-time graph.</summary>
    public const int GraphMaxHeight = 120;

    /// <summary>Widest frame-time graph.</summary>
    public const int GraphMaxWidth = 360;

    /// <summary>Tallest HUD strip: room for about nine lines of text.</summary>
    public const int HudMaxHeight = 170;

    private ViewLayout(PixelRect image, PixelRect hud, PixelRect graph, PixelRect standardPanel, PixelRect separablePanel,
        IReadOnlyList<PixelRect> standardTiles, IReadOnlyList<PixelRect> separableTiles)
    {
        Image = image;
        Hud = hud;
        Graph = graph;
        StandardPanel = standardPanel;
        SeparablePanel = separablePanel;
        StandardTiles = standardTiles;
        SeparableTiles = separableTiles;
        StandardTitle = TitleOf(standardPanel);
        SeparableTitle = TitleOf(separablePanel);
    }

    /// <summary>The input image, fitted with its aspect kept.</summary>
    public PixelRect Image { get; }

    /// <summary>Area for the HUD's text lines.</summary>
    public PixelRect Hud { get; }

    /// <summary>The frame-time graph.</summary>
    public PixelRect Graph { get; }

    /// <summary>The standard mode's panel (title strip and tiles); empty when that mode is hidden.</summary>
    public PixelRect StandardPanel { get; }

    /// <summary>The separable mode's panel; empty when that mode is hidden.</summary>
    public PixelRect SeparablePanel { get; }

    /// <summary>One tile per output channel of the standard mode (empty list when hidden; a tile is empty when the panel is too small).</summary>
    public IReadOnlyList<PixelRect> StandardTiles { get; }

    /// <summary>One tile per output channel of the separable mode.</summary>
    public IReadOnlyList<PixelRect> SeparableTiles { get; }

    /// <summary>Top-left of the standard panel's title text.</summary>
    public (float X, float Y) StandardTitle { get; }

    /// <summary>Top-left of the separable panel's title text.</summary>
    public (float X, float Y) SeparableTitle { get; }

    /// <summary>Lays out a <paramref name="framebufferWidth"/>×<paramref name="framebufferHeight"/> framebuffer.</summary>
    /// <param name="framebufferWidth">Framebuffer columns (may be 0 when minimised).</param>
    /// <param name="framebufferHeight">Framebuffer rows.</param>
    /// <param name="mode">Which panels show.</param>
    /// <param name="imageWidth">Input image width.</param>
    /// <param name="imageHeight">Input image height.</param>
    /// <param name="channels">Output channels of each mode (both modes produce the same shape).</param>
    /// <param name="outputWidth">Output map width.</param>
    /// <param name="outputHeight">Output map height.</param>
    public static ViewLayout Compute(int framebufferWidth, int framebufferHeight, ViewMode mode,
        int imageWidth, int imageHeight, int channels, int outputWidth, int outputHeight)
    {
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown view mode");
        ArgumentOutOfRangeException.ThrowIfNegative(channels);
        int w = Math.Max(0, framebufferWidth), h = Math.Max(0, framebufferHeight);
        // A tiny window gets thinner margins, so there is something left to draw in.
        int m = Math.Min(Margin, Math.Min(w, h) / 50);

        // Bottom strip: the HUD text across the width, the frame-time graph at its right end. It gets the
        // HUD's natural height (HudMaxHeight) but never more than a quarter of the window.
        int stripHeight = Math.Min(HudMaxHeight, Math.Max(0, h - 2 * m) / 4);
        int stripTop = h - m - stripHeight;
        int graphWidth = Math.Min(GraphMaxWidth, Math.Max(0, w - 2 * m) / 4);
        var graph = Clean(new PixelRect(w - m - graphWidth, stripTop + Math.Max(0, stripHeight - GraphMaxHeight), graphWidth, Math.Min(GraphMaxHeight, stripHeight)));
        var hud = Clean(new PixelRect(m, stripTop, graph.X - m - m, stripHeight));

        // Above it, a left column for the input image: a fifth of the width, at least min(280, a third).
        int leftWidth = Math.Max(0, Math.Min(w - 2 * m, Math.Max(w / 5, Math.Min(280, w / 3))));
        int columnHeight = Math.Max(0, stripTop - m - m);
        var image = new PixelRect(m, m, leftWidth, columnHeight).Fit(imageWidth, imageHeight);

        // Right area: one panel, or two of equal width with a margin between them.
        int rightX = m + leftWidth + m;
        var right = Clean(new PixelRect(rightX, m, w - m - rightX, columnHeight));
        PixelRect standard = PixelRect.Empty, separable = PixelRect.Empty;
        switch (mode)
        {
            case ViewMode.Standard: standard = right; break;
            case ViewMode.Separable: separable = right; break;
            default:
                int half = Math.Max(0, (right.Width - m) / 2);
                standard = Clean(new PixelRect(right.X, right.Y, half, right.Height));
                separable = Clean(new PixelRect(right.X + half + m, right.Y, half, right.Height));
                break;
        }
        return new ViewLayout(image, hud, graph, standard, separable,
            mode == ViewMode.Separable ? [] : Tiles(TileArea(standard), channels, outputWidth, outputHeight),
            mode == ViewMode.Standard ? [] : Tiles(TileArea(separable), channels, outputWidth, outputHeight));
    }

    /// <summary>
    /// Tiles for <paramref name="channels"/> channels in <paramref name="area"/>: the grid (columns × rows)
    /// whose tiles are largest, centred, filled row by row. Tiles are empty when they cannot be a pixel.
    /// </summary>
    internal static PixelRect[] Tiles(PixelRect area, int channels, int outputWidth, int outputHeight)
    {
        var tiles = new PixelRect[channels];
        if (channels == 0 || area.IsEmpty || outputWidth <= 0 || outputHeight <= 0) return tiles;
        var (columns, tile, gutter) = BestGrid(area, channels, outputWidth, outputHeight, Gutter);
        if (Math.Min(tile.Width, tile.Height) < GutterMinTile) (columns, tile, gutter) = BestGrid(area, channels, outputWidth, outputHeight, 0);
        if (tile.IsEmpty) return tiles;
        int rows = (channels + columns - 1) / columns;
        int gridWidth = columns * tile.Width + (columns - 1) * gutter, gridHeight = rows * tile.Height + (rows - 1) * gutter;
        int x0 = area.X + (area.Width - gridWidth) / 2, y0 = area.Y + (area.Height - gridHeight) / 2;
        for (int c = 0; c < channels; c++)
            tiles[c] = new PixelRect(x0 + c % columns * (tile.Width + gutter), y0 + c / columns * (tile.Height + gutter), tile.Width, tile.Height);
        return tiles;
    }

    /// <summary>Tries every column count and keeps the one with the largest tile area.</summary>
    private static (int Columns, PixelRect Tile, int Gutter) BestGrid(PixelRect area, int channels, int outputWidth, int outputHeight, int gutter)
    {
        (int Columns, PixelRect Tile) best = (1, PixelRect.Empty);
        long bestArea = 0;
        for (int columns = 1; columns <= channels; columns++)
        {
            int rows = (channels + columns - 1) / columns;
            int cellWidth = (area.Width - (columns - 1) * gutter) / columns, cellHeight = (area.Height - (rows - 1) * gutter) / rows;
            if (cellWidth <= 0 || cellHeight <= 0) continue;
            var tile = new PixelRect(0, 0, cellWidth, cellHeight).Fit(outputWidth, outputHeight);
            long tileArea = (long)tile.Width * tile.Height;
            if (tileArea > bestArea) (best, bestArea) = ((columns, new PixelRect(0, 0, tile.Width, tile.Height)), tileArea);
        }
        return (best.Columns, best.Tile, gutter);
    }

    private static PixelRect TileArea(PixelRect panel) =>
        panel.IsEmpty ? panel : Clean(new PixelRect(panel.X, panel.Y + TitleHeight, panel.Width, panel.Height - TitleHeight));

    private static (float X, float Y) TitleOf(PixelRect panel) => (panel.X + 4f, panel.Y + 2f);

    /// <summary>Negative sizes (a window smaller than the margins) become empty rectangles.</summary>
    private static PixelRect Clean(PixelRect r) => r with { Width = Math.Max(0, r.Width), Height = Math.Max(0, r.Height) };
}
