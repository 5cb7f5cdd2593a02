using RealtimeConv.App.Charts;

namespace RealtimeConv.Tests.Charts;

/// <summary>The chart <c>rtconv run --plot</c> draws: time per image per mode.</summary>
public sealed class RunChartsTests : IDisposable
{
    /// <summary>A solid bar of a mode's colour covers at least this many pixels.</summary>
    private const int MinimumBarPixels = 100;

    private readonly string _directory = Directory.CreateTempSubdirectory("rtconv-runcharts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ChartHasOneBarColourPerModeAndItsDocumentedSize()
    {
        string path = Path.Combine(_directory, "run.png");
        RunCharts.Write(
        [
            ("astronaut.png", "standard", 120.0), ("astronaut.png", "separable", 35.0),
            ("a-long-file-name-of-a-photo.jpg", "standard", 80.0), ("a-long-file-name-of-a-photo.jpg", "separable", 20.0),
        ], path);

        Assert.Equal([path], Directory.GetFiles(_directory));
        var image = ChartImage.Load(path);
        Assert.Equal((RunCharts.WidthFor(2), RunCharts.Height), (image.Width, image.Height));
        Assert.True(image.PixelsOf("#0072B2") >= MinimumBarPixels, "no standard bars");
        Assert.True(image.PixelsOf("#E69F00") >= MinimumBarPixels, "no separable bars");
        Assert.Equal(0, image.PixelsOf("#009E73")); // two modes, two colours
        Assert.True(image.DarkPixels(image.Width / 2 - 300, 2, image.Width / 2 + 300, 30) > 0, "no title text");
    }

    [Fact]
    public void EmptyOrNonPositiveTimesAreRefused()
    {
        string path = Path.Combine(_directory, "run.png");
        Assert.Throws<ArgumentException>(() => RunCharts.Write([], path));
        Assert.Throws<ArgumentException>(() => RunCharts.Write([("a.png", "standard", double.NaN)], path));
        Assert.Throws<ArgumentException>(() => RunCharts.Write([("a.png", "standard", 0.0)], path));
        Assert.Empty(Directory.GetFiles(_directory));
    }
}
