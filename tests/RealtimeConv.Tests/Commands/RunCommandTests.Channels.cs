using RealtimeConv.Imaging;
using RealtimeConv.Pipelines;
using RealtimeConv.Tests.Imaging;
using RealtimeConv.Visualization;

namespace RealtimeConv.Tests.Commands;

/// <summary>`--save channels`: one PNG per output channel.</summary>
public sealed partial class RunCommandTests
{
    [Fact]
    public void SaveChannelsWritesOnePngPerOutputChannelWithTheChannelsOwnRendering()
    {
        using var temp = new TempFolder();
        string image = Png(temp, "in/a.png", 10, 8, 3);
        string output = temp.File("out");

        var (exit, _, stderr) = Invoke("run", image, "--out", output, "--backend", "cpu-ref", "--mode", "separable", "--save", "channels");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var expectedNames = Enumerable.Range(0, EdgesChannels).Select(c => $"a.png.separable.c{c}.png").Append("report.json").Order(StringComparer.Ordinal);
        Assert.Equal(expectedNames, FilesIn(output));
        var reference = ReferenceOutput(image, ConvMode.Separable);
        for (int c = 0; c < EdgesChannels; c++)
        {
            var decoded = ImageLoader.Load(Path.Combine(output, $"a.png.separable.c{c}.png")).Pixels;
            Assert.Equal((10, 8), (decoded.Width, decoded.Height));
            Assert.Equal(ChannelVisualizer.RenderChannel(reference, c).ToRgba().Pixels, decoded.ToRgba().Pixels);
        }
    }

    [Fact]
    public void GridChannelsAndNpyTogetherWriteEveryKindForEveryModeAndARerunKeepsThemAll()
    {
        using var temp = new TempFolder();
        string image = Png(temp, "a.png", 6, 5, 1);
        string output = temp.File("out");
        string[] args = ["run", image, "--out", output, "--backend", "cpu-ref", "--save", "grid,channels,npy"];

        var first = Invoke(args);

        Assert.Equal(0, first.Exit);
        var expected = new[] { "standard", "separable" }
            .SelectMany(m => Enumerable.Range(0, EdgesChannels).Select(c => $"a.png.{m}.c{c}.png").Concat([$"a.png.{m}.png", $"a.png.{m}.npy"]))
            .Append("report.json").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, FilesIn(output));
        Assert.Contains($"{2 * (EdgesChannels + 2)} file(s) written", first.Out);

        var second = Invoke(args);
        Assert.Equal(0, second.Exit);
        Assert.Contains($"0 file(s) written, {2 * (EdgesChannels + 2)} kept", second.Out);
    }
}
