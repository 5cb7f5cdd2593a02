using System.CommandLine;
using RealtimeConv.App;
using RealtimeConv.App.Bench;
using RealtimeConv.App.Charts;

namespace RealtimeConv.Tests.Charts;

/// <summary>The bench chart from a synthetic report, and <c>rtconv bench --plot</c> on a tiny shape.</summary>
public sealed class BenchChartsTests : IDisposable
{
    /// <summary>Antialiased text and several bar colours give far more colours than this; a blank or single-colour image fewer.</summary>
    private const int MinimumDistinctColours = 100;

    /// <summary>The title's glyphs darken at least this many pixels of its band (a string of ~50 characters at 20 px).</summary>
    private const int MinimumTitleInk = 300;

    /// <summary>A solid bar of an op's colour covers at least this many pixels.</summary>
    private const int MinimumBarPixels = 100;

    private readonly string _directory = Directory.CreateTempSubdirectory("rtconv-charts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    internal static BenchReport SyntheticReport()
    {
        var small = new BenchShape(3, 16, 48, 64, 3);
        var wide = new BenchShape(32, 64, 64, 64, 5);
        var machine = new MachineInfo("Test CPU", 2, true, true, "Linux", ".NET 10", "1.0.0", true, MachineInfo.CacheTreatment, DateTimeOffset.UtcNow);
        var settings = new BenchSettings(["cpu", "cpu-ref"], [small, wide], 3, 1, 2, 1);
        var rows = new List<BenchRow>();
        // Times spread over four decades so the axis goes logarithmic, as real cpu-ref vs ort numbers do.
        foreach (var (backend, scale) in new[] { ("cpu", 1.0), ("cpu-ref", 40.0), ("ort", 0.2) })
            foreach (var (shape, shapeScale) in new[] { (small, 1.0), (wide, 25.0) })
            {
                rows.Add(Row(BenchOp.Standard, backend, shape, 10 * scale * shapeScale));
                rows.Add(Row(BenchOp.Depthwise, backend, shape, 1 * scale * shapeScale));
                rows.Add(Row(BenchOp.Pointwise, backend, shape, 2 * scale * shapeScale));
                rows.Add(Row(BenchOp.Separable, backend, shape, 3.2 * scale * shapeScale));
            }
        return new BenchReport(machine, settings, rows, []);
    }

    private static BenchRow Row(BenchOp op, string backend, BenchShape shape, double ms) =>
        new(op, backend, shape, 1000, 3, false, ms, ms * 0.9, "wall");

    [Fact]
    public void ChartIsAPngOfTheDocumentedSizeWithBarsAndText()
    {
        string path = Path.Combine(_directory, "bench.png");
        var report = SyntheticReport();
        BenchCharts.Write(report, path);

        Assert.Equal([path], Directory.GetFiles(_directory)); // written to a temporary name and renamed, nothing left behind
        var image = ChartImage.Load(path);
        Assert.Equal((BenchCharts.MinimumWidth, BenchCharts.TimesHeight + BenchCharts.RatioHeight), (image.Width, image.Height));
        Assert.Equal(BenchCharts.MinimumWidth, BenchCharts.WidthFor(report)); // 2 shapes × 3 backends fit the minimum
        Assert.True(image.DistinctColours() >= MinimumDistinctColours, $"{image.DistinctColours()} distinct colours");

        // Each op's bars (panel a), each backend's measured bars and the theory bars (panel b) are drawn in their colours.
        foreach (var colour in new[] { "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#404040" })
            Assert.True(image.PixelsOf(colour) >= MinimumBarPixels, $"{colour}: {image.PixelsOf(colour)} pixels");

        // Text renders: the title band of each panel holds dark glyph pixels, the white margin beside it none.
        int titleTop = 2, titleBottom = 30, middle = image.Width / 2;
        Assert.True(image.DarkPixels(middle - 400, titleTop, middle + 400, titleBottom) >= MinimumTitleInk, "panel (a) has no title text");
        Assert.Equal(0, image.DarkPixels(0, titleTop, 40, titleBottom));
        int top = BenchCharts.TimesHeight;
        Assert.True(image.DarkPixels(middle - 400, top + titleTop, middle + 400, top + titleBottom) >= MinimumTitleInk, "panel (b) has no title text");
    }

    [Fact]
    public void RatioPanelShowsTheFusedSpeedUpBesideTheTwoPassOneWhereABackendFuses()
    {
        var report = SyntheticReport();
        var withFused = report with { Rows = [.. report.Rows, Row(BenchOp.Fused, "cpu", report.Settings.Shapes[0], 2.5)] };
        string[] Legend(BenchReport r) => [.. BenchCharts.RatioPanel(r).Legend.ManualItems.Select(item => item.LabelText)];

        Assert.Equal(["measured, cpu", "measured, cpu-ref", "measured, ort", "theory 1/(1/N + 1/K²)"], Legend(report));
        Assert.Equal(["measured, cpu", "measured, cpu fused", "measured, cpu-ref", "measured, ort", "theory 1/(1/N + 1/K²)"], Legend(withFused));
    }

    [Fact]
    public void ChartFontIsTheBundledDejaVuSans()
    {
        Assert.True(File.Exists(ChartFont.FilePath), ChartFont.FilePath);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(ChartFont.FilePath)!, "LICENSE-DejaVu.txt")));
        using var typeface = ScottPlot.Fonts.GetTypeface(ChartFont.Ensure(), bold: false, italic: false);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.NotEqual(0, typeface.GetGlyph('→')); // the arrow and × of the shape labels have glyphs
        Assert.NotEqual(0, typeface.GetGlyph('×'));
    }

    [Theory]
    [InlineData(16, 3, 144.0 / 25)] // 1 / (1/16 + 1/9)
    [InlineData(32, 3, 288.0 / 41)]
    [InlineData(64, 5, 1600.0 / 89)]
    public void TheoreticalSpeedupIsOneOverTheCostRatio(int n, int k, double expected) =>
        Assert.Equal(expected, BenchCharts.TheoreticalSpeedup(new BenchShape(3, n, 8, 8, k)), 1e-12);

    [Fact]
    public void ManyGroupsWidenTheImage()
    {
        var report = SyntheticReport();
        var shapes = Enumerable.Range(1, 8).Select(i => new BenchShape(i, 16, 8, 8, 3)).ToList();
        var rows = (from shape in shapes
                    from backend in new[] { "cpu", "cpu-ref", "ort" }
                    select Row(BenchOp.Standard, backend, shape, 1.0)).ToList();
        var wide = report with { Settings = report.Settings with { Shapes = shapes }, Rows = rows };
        Assert.Equal(250 + BenchCharts.WidthPerGroup * 24, BenchCharts.WidthFor(wide)); // 8 shapes × 3 backends
    }

    [Fact]
    public void ReportWithoutRowsIsRefused() =>
        Assert.Throws<ArgumentException>(() => BenchCharts.Write(SyntheticReport() with { Rows = [] }, Path.Combine(_directory, "x.png")));

    [Fact]
    public void BenchPlotWritesTheChart()
    {
        string path = Path.Combine(_directory, "bench.png");
        var (code, output, error) = Run("bench", "--backend", "cpu-ref", "--shapes", "4,4,16x16,3", "--runs", "3", "--warmup", "1", "--plot", path);
        Assert.True(code == 0, error);
        Assert.Contains($"wrote {path}", output);
        Assert.Equal([path], Directory.GetFiles(_directory));
        var image = ChartImage.Load(path);
        Assert.Equal((BenchCharts.MinimumWidth, BenchCharts.TimesHeight + BenchCharts.RatioHeight), (image.Width, image.Height));
    }

    [Fact]
    public void BenchPlotIntoAMissingFolderFailsInOneLine()
    {
        string path = Path.Combine(_directory, "missing", "bench.png");
        var (code, _, error) = Run("bench", "--backend", "cpu-ref", "--shapes", "4,4,16x16,3", "--runs", "3", "--warmup", "1", "--plot", path);
        Assert.Equal(1, code);
        // Progress lines go to stderr too; the failure is one line of its own.
        var failure = Assert.Single(error.Split('\n'), line => line.StartsWith("rtconv bench:", StringComparison.Ordinal));
        Assert.StartsWith($"rtconv bench: cannot write '{path}'", failure);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
