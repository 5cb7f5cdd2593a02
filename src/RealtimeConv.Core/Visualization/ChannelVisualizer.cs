using System.Globalization;
using System.Numerics;
using RealtimeConv.Imaging;
using RealtimeConv.Tensors;

namespace RealtimeConv.Visualization;

/// <summary>
/// Renders feature-map channels as 8-bit RGBA images: one channel, or every channel tiled in a near-square
/// grid. The CPU counterpart of the visualisation shader, and what snapshots and tests use.
/// </summary>
/// <remarks>
/// <para>Per value: NaN → <see cref="Colormaps.NaNColour"/>; with the diverging map
/// <c>Diverging(DivergingS(v, maxAbs))</c>; with a sequential map <c>Map(SequentialT(v, min, max))</c>,
/// where min, max and maxAbs come from the finite values of the channel or, under
/// <see cref="ChannelNormalization.Global"/>, of the whole map. ±∞ clamp to the ends of the map.</para>
/// <para>A constant channel does not divide by zero: under a sequential map it renders t = 0.5 (mid-grey
/// in grayscale, viridis' teal); under the diverging map a constant c ≠ 0 renders its own end colour
/// (full blue or red) and a zero channel renders white.</para>
/// </remarks>
public static class ChannelVisualizer
{
    /// <summary>Smallest tile side (both width and height) that gets a channel label.</summary>
    public const int LabelMinTileSide = 24;

    /// <summary>Tiles of at least this side get labels at twice the font size.</summary>
    public const int LabelDoubleSizeTileSide = 96;

    /// <summary>Colour of the gutters and of unused grid cells: (32, 32, 32), opaque.</summary>
    public static readonly Vector3 GutterColour = new(32f / 255f);

    /// <summary>Renders channel <paramref name="channel"/> as a Width×Height RGBA image.</summary>
    public static PixelImage RenderChannel(FeatureMap map, int channel, VisualizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, map.Channels);
        options = Validate(options);
        var image = new PixelImage(map.Width, map.Height, 4);
        var mapping = Mappings(map, options)[channel];
        DrawTile(map, channel, mapping, image, 0, 0);
        return image;
    }

    /// <summary>Renders every channel tiled as <see cref="Layout"/> describes, labelled when tiles are large enough.</summary>
    /// <exception cref="ArgumentException">The grid would exceed <see cref="ImageLimits"/>.</exception>
    public static PixelImage RenderGrid(FeatureMap map, VisualizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        options = Validate(options);
        var layout = Layout(map, options);
        EnsureWithinLimits(layout, map.ShapeText);
        var image = new PixelImage((int)layout.Width, (int)layout.Height, 4);
        Fill(image, GutterColour);
        var mappings = Mappings(map, options);
        int labelScale = LabelScale(layout, options);
        for (int c = 0; c < map.Channels; c++)
        {
            var (x0, y0) = layout.TileOrigin(c);
            DrawTile(map, c, mappings[c], image, x0, y0);
            if (labelScale > 0) DrawLabel(image, x0, y0, layout.TileWidth, c, labelScale);
        }
        return image;
    }

    /// <summary>The grid <see cref="RenderGrid"/> uses for <paramref name="map"/>.</summary>
    public static ChannelGridLayout Layout(FeatureMap map, VisualizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        options = Validate(options);
        return ChannelGridLayout.For(map.Channels, map.Width, map.Height, options.Gutter);
    }

    /// <summary>Refuses a grid larger than <see cref="ImageLimits"/> (what the loader would accept back).</summary>
    internal static void EnsureWithinLimits(ChannelGridLayout layout, string shapeText)
    {
        if (!ImageLimits.Accepts(layout.Width, layout.Height))
            throw new ArgumentException($"a grid of {shapeText} is {layout.Width}×{layout.Height}, over the limit of {ImageLimits.Describe()}", "map");
    }

    /// <summary>Font scale for the grid's labels, 0 when tiles are too small for them.</summary>
    internal static int LabelScale(ChannelGridLayout layout, VisualizationOptions options)
    {
        int side = Math.Min(layout.TileWidth, layout.TileHeight);
        if (!options.Labels || side < LabelMinTileSide) return 0;
        return side >= LabelDoubleSizeTileSide ? 2 : 1;
    }

    /// <summary>How each channel is coloured: its range and whether it is diverging.</summary>
    internal static ChannelMapping[] Mappings(FeatureMap map, VisualizationOptions options)
    {
        var ranges = new ChannelRange[map.Channels];
        for (int c = 0; c < map.Channels; c++) ranges[c] = ChannelRange.Measure(map, c);
        if (options.Normalization == ChannelNormalization.Global)
        {
            var all = ChannelRange.Empty;
            foreach (var r in ranges) all = all.Merge(r);
            Array.Fill(ranges, all);
        }
        var mappings = new ChannelMapping[map.Channels];
        for (int c = 0; c < map.Channels; c++) mappings[c] = ChannelMapping.For(ranges[c], options.Colormap);
        return mappings;
    }

    private static VisualizationOptions Validate(VisualizationOptions? options)
    {
        options ??= new VisualizationOptions();
        if (options.Gutter is < 0 or > VisualizationOptions.MaxGutter)
            throw new ArgumentOutOfRangeException(nameof(options), options.Gutter, $"gutter must be 0..{VisualizationOptions.MaxGutter} px");
        if (!Enum.IsDefined(options.Colormap)) throw new ArgumentOutOfRangeException(nameof(options), options.Colormap, "unknown colormap");
        if (!Enum.IsDefined(options.Normalization)) throw new ArgumentOutOfRangeException(nameof(options), options.Normalization, "unknown normalisation");
        return options;
    }

    private static void DrawTile(FeatureMap map, int channel, ChannelMapping mapping, PixelImage image, int x0, int y0)
    {
        var src = map.Span;
        var dst = image.Pixels;
        int baseIndex = map.IndexOf(channel, 0, 0), lanes = map.Lanes;
        for (int y = 0; y < map.Height; y++)
        {
            int s = baseIndex + y * map.RowStride;
            int d = image.IndexOf(x0, y0 + y);
            for (int x = 0; x < map.Width; x++, s += lanes, d += 4)
                Put(dst, d, mapping.Colour(src[s]));
        }
    }

    /// <summary>
    /// Draws <paramref name="channel"/>'s index in white on a black box in the tile's top-left corner:
    /// box = text plus one font pixel of margin on each side. Skipped when the box is wider than the tile.
    /// </summary>
    private static void DrawLabel(PixelImage image, int x0, int y0, int tileWidth, int channel, int scale)
    {
        string text = channel.ToString(CultureInfo.InvariantCulture);
        int boxWidth = (DigitFont.TextWidth(text.Length) + 2) * scale;
        int boxHeight = (DigitFont.GlyphHeight + 2) * scale;
        if (boxWidth > tileWidth) return;
        var dst = image.Pixels;
        for (int y = 0; y < boxHeight; y++)
            for (int x = 0; x < boxWidth; x++)
                Put(dst, image.IndexOf(x0 + x, y0 + y), Vector3.Zero);
        for (int k = 0; k < text.Length; k++)
        {
            int digit = text[k] - '0';
            int gx = x0 + (1 + k * (DigitFont.GlyphWidth + DigitFont.Spacing)) * scale;
            int gy = y0 + scale;
            for (int fy = 0; fy < DigitFont.GlyphHeight; fy++)
                for (int fx = 0; fx < DigitFont.GlyphWidth; fx++)
                {
                    if (!DigitFont.IsSet(digit, fx, fy)) continue;
                    for (int sy = 0; sy < scale; sy++)
                        for (int sx = 0; sx < scale; sx++)
                            Put(dst, image.IndexOf(gx + fx * scale + sx, gy + fy * scale + sy), Vector3.One);
                }
        }
    }

    private static void Fill(PixelImage image, Vector3 colour)
    {
        var dst = image.Pixels;
        for (int d = 0; d < dst.Length; d += 4) Put(dst, d, colour);
    }

    private static void Put(byte[] dst, int d, Vector3 colour)
    {
        dst[d] = Colormaps.ToByte(colour.X);
        dst[d + 1] = Colormaps.ToByte(colour.Y);
        dst[d + 2] = Colormaps.ToByte(colour.Z);
        dst[d + 3] = 255;
    }
}
