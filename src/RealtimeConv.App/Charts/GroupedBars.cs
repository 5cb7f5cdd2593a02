using ScottPlot;
using ScottPlot.TickGenerators;

namespace RealtimeConv.App.Charts;

/// <summary>
/// Grouped bars: one group per x label, one bar per series inside each group, a legend entry per series.
/// The value axis is linear from 0, or logarithmic (see <see cref="LogAxis"/>) when asked or when the values
/// span more than <see cref="LogAxis.SpreadForLog"/>×.
/// </summary>
internal static class GroupedBars
{
    /// <summary>Fraction of a group's slot the bars fill; the rest separates groups.</summary>
    private const double GroupFill = 0.8;

    /// <summary>Head room above the tallest bar on a linear axis.</summary>
    private const double LinearHeadroom = 1.1;

    /// <summary>
    /// Adds the bars of <paramref name="values"/>[group, series] (null: no bar) to <paramref name="plot"/>,
    /// labels the groups on the x axis and returns whether the value axis is logarithmic.
    /// </summary>
    /// <param name="plot">The plot to draw into.</param>
    /// <param name="groups">The x labels, one per group (may hold line breaks).</param>
    /// <param name="series">The series' legend names and colours.</param>
    /// <param name="values">Positive values by group and series.</param>
    /// <param name="log">True or false to force the axis; null to choose by spread.</param>
    /// <param name="baseAtOne">On a log axis, grow bars from 1 (ratios: up is above 1, down below) instead of from the axis floor.</param>
    public static bool Add(Plot plot, IReadOnlyList<string> groups, IReadOnlyList<(string Name, Color Color)> series,
        double?[,] values, bool? log = null, bool baseAtOne = false)
    {
        var present = new List<double>();
        foreach (var v in values) if (v is { } x && x > 0 && double.IsFinite(x)) present.Add(x);
        bool useLog = log ?? LogAxis.Suits(present);
        var axis = useLog ? LogAxis.Covering(present, includeOne: baseAtOne) : null;
        double barWidth = GroupFill / series.Count;

        var bars = new List<Bar>();
        for (int g = 0; g < groups.Count; g++)
        {
            for (int s = 0; s < series.Count; s++)
            {
                if (values[g, s] is not { } value || !(value > 0) || !double.IsFinite(value)) continue;
                double position = g - GroupFill / 2 + barWidth * (s + 0.5);
                bars.Add(new Bar
                {
                    Position = position,
                    Size = barWidth * 0.92,
                    Value = axis is null ? value : LogAxis.Position(value),
                    ValueBase = axis is null ? 0 : baseAtOne ? 0 : axis.LowDecade,
                    FillColor = series[s].Color,
                    LineWidth = 0,
                });
            }
        }
        plot.Add.Bars(bars);
        foreach (var (name, color) in series) ChartStyle.AddLegendItem(plot, name, color);

        var ticks = new NumericManual();
        for (int g = 0; g < groups.Count; g++) ticks.AddMajor(g, groups[g]);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(-0.6, groups.Count - 0.4);

        if (axis is not null) axis.Apply(plot, plot.Axes.Left);
        else plot.Axes.SetLimitsY(0, (present.Count == 0 ? 1 : present.Max()) * LinearHeadroom);
        return useLog;
    }
}
