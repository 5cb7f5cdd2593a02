using RealtimeConv.App.Bench;
using ScottPlot;

namespace RealtimeConv.App.Charts;

/// <summary>
/// The bench as one PNG of two panels, top to bottom:
/// (a) the median time of each op (standard, depthwise, pointwise, separable) per shape and backend, as
/// grouped bars on a millisecond axis (logarithmic when the times span more than 20×);
/// (b) the measured speed-up standard/separable (and standard/fused) per shape and backend beside the theory 1/(1/N + 1/K²),
/// on a logarithmic axis with bars growing from 1× (below 1: separable was slower).
/// </summary>
internal static class BenchCharts
{
    /// <summary>Width of the image in pixels for up to 15 groups (shape × backend) in panel (a).</summary>
    public const int MinimumWidth = 1600;

    /// <summary>Horizontal pixels per group of panel (a) beyond that, so the three-line group labels never overlap.</summary>
    public const int WidthPerGroup = 90;

    /// <summary>Height of panel (a) in pixels.</summary>
    public const int TimesHeight = 640;

    /// <summary>Height of panel (b) in pixels.</summary>
    public const int RatioHeight = 520;

    private static readonly BenchOp[] Ops = [BenchOp.Standard, BenchOp.Depthwise, BenchOp.Pointwise, BenchOp.Separable];

    /// <summary>Writes the two panels of <paramref name="report"/> to <paramref name="path"/> (atomically).</summary>
    /// <exception cref="ArgumentException">The report has no rows.</exception>
    /// <exception cref="IOException">The file cannot be written (or the bundled font is missing).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public static void Write(BenchReport report, string path)
    {
        if (report.Rows.Count == 0) throw new ArgumentException("bench chart: the report has no rows", nameof(report));
        ChartFile.WritePng([(TimesPanel(report), TimesHeight), (RatioPanel(report), RatioHeight)], WidthFor(report), path);
    }

    /// <summary>The image's width: <see cref="MinimumWidth"/>, or wider when panel (a) has many groups.</summary>
    public static int WidthFor(BenchReport report) => Math.Max(MinimumWidth, 250 + WidthPerGroup * Groups(report).Count);

    /// <summary>Panel (a): one group of four bars (the ops) per shape and backend.</summary>
    internal static Plot TimesPanel(BenchReport report)
    {
        var groups = Groups(report);
        var values = new double?[groups.Count, Ops.Length];
        for (int g = 0; g < groups.Count; g++)
            for (int o = 0; o < Ops.Length; o++)
                values[g, o] = report.Find(Ops[o], groups[g].Backend, groups[g].Shape)?.MedianMs;

        var labels = groups.Select(g => $"{BackendLabel(report, g.Backend, g.Shape)}\n{g.Shape.M}→{g.Shape.N} K{g.Shape.K}\n{g.Shape.Width}×{g.Shape.Height}").ToList();
        var series = Ops.Select((op, i) => (OpName(op), ChartStyle.Series[i])).ToList();
        var plot = ChartStyle.NewPlot(
            $"(a) Median time per run of each op — {report.Machine.CpuModel}",
            "backend and shape (M→N channels, K×K kernel, W×H pixels)",
            "median time per run (ms)");
        bool log = GroupedBars.Add(plot, labels, series, values);
        if (log) plot.YLabel("median time per run (ms, log scale)", size: 16);
        return plot;
    }

    /// <summary>
    /// Panel (b): per shape, the measured standard/separable ratio of each backend (and standard/fused for a
    /// backend that fuses: what its separable mode runs when that is faster) beside the theoretical one.
    /// </summary>
    internal static Plot RatioPanel(BenchReport report)
    {
        var shapes = ShapesIn(report);
        var measured = (from backend in report.Backends
                        from op in new[] { BenchOp.Separable, BenchOp.Fused }
                        where shapes.Any(s => report.StandardOver(op, backend, s) is not null)
                        select (Label: op == BenchOp.Fused ? $"measured, {backend} fused" : $"measured, {backend}", Op: op, Backend: backend)).ToList();
        var values = new double?[shapes.Count, measured.Count + 1];
        for (int s = 0; s < shapes.Count; s++)
        {
            for (int m = 0; m < measured.Count; m++) values[s, m] = report.StandardOver(measured[m].Op, measured[m].Backend, shapes[s]);
            values[s, measured.Count] = TheoreticalSpeedup(shapes[s]);
        }

        var labels = shapes.Select(s => $"N={s.N}, K={s.K}\n{s.M}→{s.N} {s.Width}×{s.Height}").ToList();
        var series = measured.Select((m, i) => (m.Label, ChartStyle.Series[i % ChartStyle.Series.Count]))
            .Append(("theory 1/(1/N + 1/K²)", ChartStyle.Theory)).ToList();
        var plot = ChartStyle.NewPlot(
            "(b) Separable speed-up: measured standard/separable time vs theory",
            "shape (N output channels, K×K kernel; M→N, W×H)",
            "standard time / separable time (×, log scale)");
        GroupedBars.Add(plot, labels, series, values, log: true, baseAtOne: true);
        var even = plot.Add.HorizontalLine(0, width: 1.5f, color: Colors.Black, pattern: LinePattern.Dashed);
        even.LegendText = "1× (no gain)";
        return plot;
    }

    /// <summary>
    /// The theoretical speed-up of separable over standard: standard/separable = 1 / (1/N + 1/K²), from
    /// N·DG²·K²·M multiply-adds against DG²·K²·M + M·N·DG².
    /// </summary>
    internal static double TheoreticalSpeedup(BenchShape shape) => 1.0 / (1.0 / shape.N + 1.0 / ((double)shape.K * shape.K));

    /// <summary>Panel (a)'s groups: every shape with every backend that has a row for it, shapes in grid order.</summary>
    private static List<(BenchShape Shape, string Backend)> Groups(BenchReport report)
    {
        var groups = new List<(BenchShape Shape, string Backend)>();
        foreach (var shape in ShapesIn(report))
            foreach (var backend in report.Backends)
                if (report.Rows.Any(r => r.Shape == shape && r.Backend == backend)) groups.Add((shape, backend));
        return groups;
    }

    private static List<BenchShape> ShapesIn(BenchReport report) =>
        report.Settings.Shapes.Concat(report.Rows.Select(r => r.Shape)).Distinct().Where(s => report.Rows.Any(r => r.Shape == s)).ToList();

    /// <summary>The backend's name, with its clock when that is not the wall clock (a GPU pass's own timer).</summary>
    private static string BackendLabel(BenchReport report, string backend, BenchShape shape)
    {
        var clocks = report.Rows.Where(r => r.Backend == backend && r.Shape == shape).Select(r => r.Clock).Distinct().ToList();
        return clocks.All(c => c == "wall") ? backend : $"{backend} [{string.Join("/", clocks)}]";
    }

    private static string OpName(BenchOp op) => op switch
    {
        BenchOp.Standard => "standard K×K",
        BenchOp.Depthwise => "depthwise K×K",
        BenchOp.Pointwise => "pointwise 1×1",
        _ => "separable (dw + pw)",
    };
}
