using System.Globalization;
using RealtimeConv.Imaging;

namespace RealtimeConv.Tests.Viewer;

/// <summary>A rectangle of a screenshot, as the viewer's "layout" log line names it, and what is in it.</summary>
public readonly record struct ScreenRegion(int X, int Y, int Width, int Height)
{
    /// <summary>Parses "x,y,w,h"; "none" (a hidden panel) gives null.</summary>
    public static ScreenRegion? Parse(string text)
    {
        if (text == "none") return null;
        var parts = text.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new ScreenRegion(parts[0], parts[1], parts[2], parts[3]);
    }

    /// <summary>The regions of a "view: layout image=… standard=… separable=…" line.</summary>
    public static (ScreenRegion? Image, ScreenRegion? Standard, ScreenRegion? Separable) FromLayoutLine(string line)
    {
        var fields = line.Split(' ').Select(f => f.Split('=')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        return (Parse(fields["image"]), Parse(fields["standard"]), Parse(fields["separable"]));
    }

    /// <summary>The standard deviation of the region's luminance (0–255): a blank region has about 0.</summary>
    public double Contrast(PixelImage image)
    {
        var values = Luma(image).ToArray();
        double mean = values.Average();
        return Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
    }

    /// <summary>
    /// The mean absolute difference (0–255 per channel) between this region and <paramref name="other"/>,
    /// both averaged down to <paramref name="cells"/>×<paramref name="cells"/> cells so different sizes compare.
    /// </summary>
    public double DifferenceFrom(ScreenRegion other, PixelImage image, int cells = 16)
    {
        var a = Cells(image, cells);
        var b = other.Cells(image, cells);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
    }

    private IEnumerable<double> Luma(PixelImage image)
    {
        for (int y = Y; y < Y + Height; y++)
            for (int x = X; x < X + Width; x++)
            {
                int i = image.IndexOf(x, y);
                yield return 0.299 * image.Pixels[i] + 0.587 * image.Pixels[i + 1] + 0.114 * image.Pixels[i + 2];
            }
    }

    private double[] Cells(PixelImage image, int cells)
    {
        var sums = new double[cells * cells * 3];
        var counts = new int[cells * cells];
        for (int y = Y; y < Y + Height; y++)
            for (int x = X; x < X + Width; x++)
            {
                int cell = (y - Y) * cells / Height * cells + (x - X) * cells / Width;
                counts[cell]++;
                for (int k = 0; k < 3; k++) sums[cell * 3 + k] += image.Pixels[image.IndexOf(x, y, k)];
            }
        for (int i = 0; i < sums.Length; i++) sums[i] /= Math.Max(1, counts[i / 3]);
        return sums;
    }
}
