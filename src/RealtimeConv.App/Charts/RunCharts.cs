namespace RealtimeConv.App.Charts;

/// <summary>
/// The chart of <c>rtconv run --plot</c>: the time of each image in each mode as grouped bars (one group per
/// image, one bar per mode), on a millisecond axis that turns logarithmic when the times span more than 20×.
/// </summary>
internal static class RunCharts
{
    /// <summary>Height of the image in pixels.</summary>
    public const int Height = 600;

    /// <summary>Width of the image in pixels for a few images; more images widen it by <see cref="WidthPerImage"/> each.</summary>
    public const int MinimumWidth = 900;

    /// <summary>Horizontal pixels per image group.</summary>
    public const int WidthPerImage = 110;

    /// <summary>Longest image name shown under a group before it is shortened with "…".</summary>
    private const int MaxLabelLength = 16;

    /// <summary>Pixel width of a chart of <paramref name="images"/> images.</summary>
    public static int WidthFor(int images) => Math.Max(MinimumWidth, 200 + WidthPerImage * images);

    /// <summary>
    /// Writes the chart of <paramref name="times"/> (image name, mode, milliseconds; images and modes keep their
    /// first-seen order, a repeated pair keeps its last time) to <paramref name="path"/>, atomically.
    /// </summary>
    /// <exception cref="ArgumentException">No times, or a time that is not a positive number.</exception>
    /// <exception cref="IOException">The file cannot be written (or the bundled font is missing).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public static void Write(IReadOnlyList<(string Image, string Mode, double Milliseconds)> times, string path)
    {
        if (times.Count == 0) throw new ArgumentException("run chart: no times to chart", nameof(times));
        foreach (var t in times)
            if (!(t.Milliseconds > 0) || !double.IsFinite(t.Milliseconds))
                throw new ArgumentException($"run chart: {t.Image} ({t.Mode}): time {t.Milliseconds} ms is not a positive number", nameof(times));

        var images = times.Select(t => t.Image).Distinct().ToList();
        var modes = times.Select(t => t.Mode).Distinct().ToList();
        var values = new double?[images.Count, modes.Count];
        foreach (var (image, mode, ms) in times) values[images.IndexOf(image), modes.IndexOf(mode)] = ms;

        var plot = ChartStyle.NewPlot("Time per image and mode (single runs; the first pays one-time costs)", "image", "time (ms)");
        var series = modes.Select((m, i) => (m, ChartStyle.Series[i % ChartStyle.Series.Count])).ToList();
        bool log = GroupedBars.Add(plot, images.Select(Shorten).ToList(), series, values);
        if (log) plot.YLabel("time (ms, log scale)", size: 16);
        ChartFile.WritePng([(plot, Height)], WidthFor(images.Count), path);
    }

    private static string Shorten(string name) => name.Length <= MaxLabelLength ? name : name[..(MaxLabelLength - 1)] + "…";
}
