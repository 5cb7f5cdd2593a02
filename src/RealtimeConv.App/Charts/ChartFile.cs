using System.Security.Cryptography;
using ScottPlot;
using SkiaSharp;

namespace RealtimeConv.App.Charts;

/// <summary>
/// Renders plots stacked top to bottom into one PNG, written atomically: the bytes go to a hidden temporary
/// file in the destination folder (<c>.name.tmp-xxxxxxxx</c>), which is then renamed over the destination,
/// so a reader never sees half a chart and a failed write leaves no temporary file behind.
/// </summary>
internal static class ChartFile
{
    /// <summary>Renders <paramref name="panels"/> (each a plot and its height in pixels) <paramref name="width"/> pixels wide into <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file or its folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder may not be written.</exception>
    public static void WritePng(IReadOnlyList<(Plot Plot, int Height)> panels, int width, string path)
    {
        byte[] png = Render(panels, width);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"'{path}' is a directory");
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"folder '{folder}' does not exist");
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(png);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The PNG bytes of <paramref name="panels"/> stacked top to bottom on a white background.</summary>
    public static byte[] Render(IReadOnlyList<(Plot Plot, int Height)> panels, int width)
    {
        int height = panels.Sum(p => p.Height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"chart: Skia could not allocate a {width}×{height} surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        int top = 0;
        foreach (var (plot, panelHeight) in panels)
        {
            canvas.Save();
            canvas.Translate(0, top);
            canvas.ClipRect(new SKRect(0, 0, width, panelHeight));
            plot.Render(canvas, width, panelHeight);
            canvas.Restore();
            top += panelHeight;
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("chart: Skia could not encode the PNG");
        return data.ToArray();
    }
}
