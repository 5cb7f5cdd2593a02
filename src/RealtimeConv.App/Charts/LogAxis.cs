using ScottPlot;
using ScottPlot.TickGenerators;

namespace RealtimeConv.App.Charts;

/// <summary>
/// A base-10 logarithmic value axis for bar charts. ScottPlot 5 has no log axis of its own: values are
/// plotted as log10(v) and the ticks are written back as v (majors at each decade, minors at 2..9 × 10^d).
/// </summary>
internal sealed class LogAxis
{
    /// <summary>Spread (largest / smallest value) above which a chart switches to a log axis.</summary>
    public const double SpreadForLog = 20;

    private LogAxis(double lowDecade, double highDecade)
    {
        LowDecade = lowDecade;
        HighDecade = highDecade;
    }

    /// <summary>log10 of the axis's lower end (a whole decade at or below the smallest value).</summary>
    public double LowDecade { get; }

    /// <summary>log10 of the axis's upper end (a whole decade at or above the largest value).</summary>
    public double HighDecade { get; }

    /// <summary>An axis covering every positive value in <paramref name="values"/>, widened to whole decades.</summary>
    public static LogAxis Covering(IEnumerable<double> values, bool includeOne = false)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (includeOne) positive.Add(1);
        if (positive.Count == 0) positive.Add(1);
        double low = Math.Floor(Math.Log10(positive.Min()));
        double high = Math.Ceiling(Math.Log10(positive.Max()));
        if (high <= low) high = low + 1;
        return new LogAxis(low, high);
    }

    /// <summary>Whether values spanning <paramref name="values"/> read better on a log axis.</summary>
    public static bool Suits(IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        return positive.Count > 0 && positive.Max() / positive.Min() > SpreadForLog;
    }

    /// <summary>Where <paramref name="value"/> sits on the plot's (log10) scale.</summary>
    public static double Position(double value) => Math.Log10(value);

    /// <summary>Puts decade ticks labelled in real units on <paramref name="axis"/> and limits it to whole decades.</summary>
    public void Apply(Plot plot, IAxis axis)
    {
        var ticks = new NumericManual();
        for (int decade = (int)LowDecade; decade <= (int)HighDecade; decade++)
        {
            ticks.AddMajor(decade, Format(Math.Pow(10, decade)));
            if (decade == (int)HighDecade) break;
            for (int k = 2; k <= 9; k++) ticks.AddMinor(decade + Math.Log10(k));
        }
        axis.TickGenerator = ticks;
        plot.Axes.SetLimitsY(LowDecade, HighDecade, (IYAxis)axis);
    }

    /// <summary>A tick value without needless digits: 0.001, 0.01, 1, 10, 100000, 1e+06.</summary>
    private static string Format(double value) =>
        value is >= 1e-3 and < 1e6 ? value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
                                   : value.ToString("0e+0", System.Globalization.CultureInfo.InvariantCulture);
}
