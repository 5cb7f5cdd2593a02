using System.CommandLine;
using RealtimeConv.App;

namespace RealtimeConv.Tests.App;

/// <summary>`rtconv info` through the real command tree.</summary>
public sealed class InfoCommandTests
{
    private static (int Exit, string Out, string Err) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void BadPipelineFileExitsTwoWithOneLineNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rtconv-info-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"input_channels": 3, "blocks": [{"type": "standard", "out_channels": 4, "kernel": 3, "weights": [1, 2]}]}""");
        try
        {
            var (exit, stdout, stderr) = Invoke("info", "--pipeline", path);
            Assert.Equal(2, exit);
            Assert.Equal("", stdout);
            string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(path, line);
            Assert.Contains("$.blocks[0].weights: has shape (2,)", line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingFileAndUnknownPresetAndBadSizeExitTwo()
    {
        Assert.Equal(2, Invoke("info", "--pipeline", "/nonexistent/p.json").Exit);
        var preset = Invoke("info", "--pipeline", "edgy");
        Assert.Equal(2, preset.Exit);
        Assert.Contains("edgy: no such pipeline file, and not a preset", preset.Err);
        var size = Invoke("info", "--size", "512");
        Assert.Equal(2, size.Exit);
        Assert.Contains("--size '512'", size.Err);
    }

    [Fact]
    public void DefaultReportShowsBothModesTheRatioAndTheResolution()
    {
        var (exit, stdout, stderr) = Invoke("info");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("pipeline 'edges k3': 3 input channels -> 8 output channels, 1 block(s), input 512x512", stdout);
        // Standard 3→8 3×3 over 512²: 8·9·3·512² = 56,623,104; separable d = 4: 9·12·512² + 12·8·512² = 53,477,376.
        Assert.Contains("56,623,104", stdout);
        Assert.Contains("53,477,376", stdout);
        Assert.Contains("0.9444", stdout); // 4·(1/8 + 1/9), from the counts and from the model
        Assert.Contains("standard  edges        composed exactly", stdout);
        Assert.Contains("separable edges        as defined", stdout);
    }

    [Fact]
    public void FittedAndDroppedBlocksAreNamedInTheReport()
    {
        var (exit, stdout, _) = Invoke("info", "--pipeline", "mobilenet", "--size", "64x48");
        Assert.Equal(0, exit);
        Assert.Contains("separable stem         fitted with multiplier", stdout);
        Assert.Contains("activation between passes (relu6) dropped", stdout);
        Assert.Contains("32x24", stdout); // the stem's stride-2 output of a 64×48 input
    }
}
