using RealtimeConv.Imaging;

namespace RealtimeConv.Tests.Charts;

/// <summary>Reads a written chart back through our own decoder and measures what a reader would see.</summary>
internal sealed class ChartImage
{
    /// <summary>A pixel darker than this in every channel counts as text or line ink.</summary>
    public const int DarkLevel = 90;

    private ChartImage(PixelImage pixels) => Pixels = pixels;

    public PixelImage Pixels { get; }

    public int Width => Pixels.Width;

    public int Height => Pixels.Height;

    public static ChartImage Load(string path)
    {
        var decoded = ImageLoader.Load(path);
        Assert.Equal(ImageFormat.Png, decoded.Format);
        return new ChartImage(decoded.Pixels.ToRgba());
    }

    public (byte R, byte G, byte B) At(int x, int y)
    {
        int i = Pixels.IndexOf(x, y);
        return (Pixels.Pixels[i], Pixels.Pixels[i + 1], Pixels.Pixels[i + 2]);
    }

    public int DistinctColours()
    {
        var seen = new HashSet<int>();
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                var (r, g, b) = At(x, y);
                seen.Add(r << 16 | g << 8 | b);
            }
        return seen.Count;
    }

    /// <summary>Pixels in [x0, x1) × [y0, y1) darker than <see cref="DarkLevel"/> in every channel.</summary>
    public int DarkPixels(int x0, int y0, int x1, int y1)
    {
        int count = 0;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
            {
                var (r, g, b) = At(x, y);
                if (r < DarkLevel && g < DarkLevel && b < DarkLevel) count++;
            }
        return count;
    }

    /// <summary>Pixels of exactly <paramref name="hex"/> ("#RRGGBB"): a bar's solid fill.</summary>
    public int PixelsOf(string hex)
    {
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        int count = 0;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                if (At(x, y) == ((byte)r, (byte)g, (byte)b)) count++;
        return count;
    }
}
