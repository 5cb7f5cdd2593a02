using ScottPlot;

namespace RealtimeConv.App.Charts;

/// <summary>The look every chart shares: the bundled font, sizes, and the colours of ops and series.</summary>
internal static class ChartStyle
{
    /// <summary>Colour-blind-safe series colours (Okabe–Ito), in the order series are assigned.</summary>
    public static readonly IReadOnlyList<Color> Series =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"),
    ];

    /// <summary>The colour of theoretical values, set apart from every measured series.</summary>
    public static readonly Color Theory = Color.FromHex("#404040");

    /// <summary>A new plot with the bundled font everywhere, a title, axis labels and a legend right of the data.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        string font = ChartFont.Ensure();
        var plot = new Plot();
        plot.Font.Set(font);
        plot.Legend.FontName = font;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Title(title, size: 20);
        plot.XLabel(xLabel, size: 16);
        plot.YLabel(yLabel, size: 16);
        plot.Axes.Title.Label.FontName = font;
        plot.Axes.Bottom.Label.FontName = font;
        plot.Axes.Left.Label.FontName = font;
        plot.Axes.Bottom.TickLabelStyle.FontName = font;
        plot.Axes.Left.TickLabelStyle.FontName = font;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Legend.FontSize = 14;
        // Outside the data area, on the right, so it never hides a bar.
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Adds a legend entry: a filled box of <paramref name="color"/> labelled <paramref name="label"/>.</summary>
    public static void AddLegendItem(Plot plot, string label, Color color) =>
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
}
