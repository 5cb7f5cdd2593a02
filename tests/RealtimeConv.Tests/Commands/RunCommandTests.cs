using System.CommandLine;
using System.Text.RegularExpressions;
using RealtimeConv.App;
using RealtimeConv.Execution;
using RealtimeConv.Imaging;
using RealtimeConv.IO;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Imaging;
using RealtimeConv.Visualization;

namespace RealtimeConv.Tests.Commands;

/// <summary>`rtconv run` through the real command tree, on small images with the reference backend.</summary>
public sealed partial class RunCommandTests
{
    /// <summary>The edges preset's output channels.</summary>
    private const int EdgesChannels = 8;

    private static (int Exit, string Out, string Err) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static string Png(TempFolder folder, string name, int width, int height, int components, int seed = 0)
    {
        string path = folder.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, TestImages.StbPng(TestImages.Pattern(width, height, components, seed), width, height, components));
        return path;
    }

    private static string[] FilesIn(string folder) =>
        Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The edges pipeline's output for <paramref name="imagePath"/> in <paramref name="mode"/>, computed here with the oracle.</summary>
    private static FeatureMap ReferenceOutput(string imagePath, ConvMode mode)
    {
        var pipeline = PresetCatalog.Build("edges");
        using var executor = new PipelineExecutor(pipeline.Resolve(mode), new ReferenceBackend());
        var result = executor.Run(ImageConversion.ToFeatureMap(ImageLoader.Load(imagePath).Pixels, 3));
        var copy = new FeatureMap(result.Channels, result.Height, result.Width);
        result.Span.CopyTo(copy.Span);
        return copy;
    }

    [Fact]
    public void WritesAGridAndAnNpyPerImageAndModeThatMatchTheReferenceRun()
    {
        using var temp = new TempFolder();
        string a = Png(temp, "in/a.png", 16, 12, 3);
        string b = Png(temp, "in/b.png", 10, 8, 1, seed: 5);
        var before = new[] { File.ReadAllBytes(a), File.ReadAllBytes(b) };
        string output = temp.File("out");

        var (exit, stdout, stderr) = Invoke("run", temp.File("in"), "--out", output, "--backend", "cpu-ref", "--save", "grid,npy");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Equal(
            ["a.png.separable.npy", "a.png.separable.png", "a.png.standard.npy", "a.png.standard.png",
             "b.png.separable.npy", "b.png.separable.png", "b.png.standard.npy", "b.png.standard.png", "report.json"],
            FilesIn(output));
        foreach (var (image, width, height) in new[] { (a, 16, 12), (b, 10, 8) })
        {
            foreach (var mode in new[] { ConvMode.Standard, ConvMode.Separable })
            {
                string stem = Path.Combine(output, $"{Path.GetFileName(image)}.{mode.ToString().ToLowerInvariant()}");
                var expected = ReferenceOutput(image, mode);

                // The same backend on the same input is deterministic: the saved values are the run's, bit for bit.
                var npy = NpyFile.Read(stem + ".npy");
                Assert.Equal([EdgesChannels, height, width], npy.Shape);
                Assert.Equal(expected.ToPlanar(), npy.Data);

                var grid = ImageLoader.Load(stem + ".png");
                var layout = ChannelVisualizer.Layout(expected);
                Assert.Equal((layout.Width, layout.Height), (grid.Width, grid.Height));
                Assert.Equal(ChannelVisualizer.RenderGrid(expected).ToRgba().Pixels, grid.Pixels.ToRgba().Pixels);
            }
        }
        Assert.Equal(before[0], File.ReadAllBytes(a));
        Assert.Equal(before[1], File.ReadAllBytes(b));
        Assert.Contains("standard (exact): edges composed exactly", stdout);
        Assert.Contains("separable (exact): edges as defined", stdout);
        Assert.Contains(Lines(stdout), l => l.StartsWith(Path.Combine(temp.File("in"), "a.png") + " 16x12: standard ") && l.Contains("max |standard - separable| "));
        Assert.Contains("done: 2 input image(s): 2 computed, 0 kept, 0 failed; 8 file(s) written, 0 kept", stdout);
    }

    [Fact]
    public void SharedStemsAndSharedNamesGetDistinctOrderIndependentNames()
    {
        using var temp = new TempFolder();
        Png(temp, "x/a.png", 6, 5, 3);
        File.WriteAllBytes(temp.File("x/a.jpg"), TestImages.StbJpeg(TestImages.Pattern(6, 5, 3), 6, 5, 3));
        Png(temp, "y/a.png", 7, 4, 3, seed: 9);
        Png(temp, "y/A.PNG", 5, 5, 1);
        string output = temp.File("out");

        var first = Invoke("run", temp.File("x"), temp.File("y"), "--out", output, "--backend", "cpu-ref", "--mode", "standard");

        Assert.Equal(0, first.Exit);
        var names = FilesIn(output);
        Assert.Equal(5, names.Length); // four grids and report.json
        Assert.Contains("a.jpg.standard.png", names);
        // a.png, a.png and A.PNG share a name (ignoring case): each gets its path's hash.
        Assert.Equal(3, names.Count(n => HashedName().IsMatch(n)));

        // The other order of inputs maps every file to the same name, so the second run keeps all four.
        var second = Invoke("run", temp.File("y"), temp.File("x"), "--out", output, "--backend", "cpu-ref", "--mode", "standard");
        Assert.Equal(0, second.Exit);
        Assert.Equal(names, FilesIn(output));
        Assert.Contains("done: 4 input image(s): 0 computed, 4 kept, 0 failed; 0 file(s) written, 4 kept", second.Out);
    }

    [Fact]
    public void ALinkIsNamedForItselfAndAFileNamedTwiceRunsOnce()
    {
        using var temp = new TempFolder();
        string image = Png(temp, "in/a.png", 6, 5, 3);
        string link = temp.File("latest.png");
        File.CreateSymbolicLink(link, image);
        string output = temp.File("out");

        var (exit, stdout, _) = Invoke("run", link, temp.File("in"), image, "--out", output, "--backend", "cpu-ref", "--mode", "standard");

        Assert.Equal(0, exit);
        Assert.Equal(["latest.png.standard.png", "report.json"], FilesIn(output));
        Assert.Contains($"note: {Path.Combine(temp.File("in"), "a.png")}: named more than once, run once", stdout);
        Assert.Contains($"note: {image}: named more than once, run once", stdout);
        Assert.Contains("done: 1 input image(s): 1 computed", stdout);
    }

    [Fact]
    public void ABrokenImageFailsAloneAndTheRunGoesOnWithExitOne()
    {
        using var temp = new TempFolder();
        Png(temp, "in/1.png", 8, 8, 3);
        string broken = temp.Write("in/2.png", "definitely not a PNG"u8.ToArray());
        Png(temp, "in/10.png", 9, 7, 3);
        string missing = temp.File("nowhere.png");
        string output = temp.File("out");

        var (exit, stdout, stderr) = Invoke("run", temp.File("in"), missing, "--out", output, "--backend", "cpu-ref", "--mode", "separable");

        Assert.Equal(1, exit);
        Assert.Equal(["1.png.separable.png", "10.png.separable.png", "report.json"], FilesIn(output));
        // Natural order: 1, 2, 10; the broken one's line sits between the good ones.
        var lines = Lines(stdout);
        int one = Array.FindIndex(lines, l => l.Contains("1.png 8x8:")), ten = Array.FindIndex(lines, l => l.Contains("10.png 9x7:"));
        Assert.True(one >= 0 && ten > one, stdout);
        var errors = Lines(stderr);
        Assert.Contains($"rtconv run: {missing}: not found: no such file or folder", errors);
        Assert.Contains(errors, l => l.StartsWith($"rtconv run: {broken}: not an image"));
        Assert.Contains("rtconv run: 2 input(s) failed:", errors);
        Assert.Contains("2 computed, 0 kept, 2 failed", stdout);
    }

    [Fact]
    public void UsageAndPipelineErrorsExitTwoWithOneLineBeforeAnyWork()
    {
        using var temp = new TempFolder();
        string image = Png(temp, "in/a.png", 6, 6, 3);
        string output = temp.File("out");
        string badPipeline = temp.Write("bad.json", """{"input_channels": 3, "blocks": [{"type": "standard", "out_channels": 4, "kernel": 3, "weights": [1, 2]}]}"""u8.ToArray());
        string[] common = ["--out", output, "--backend", "cpu-ref"];

        AssertRefused(Invoke(["run", image, .. common, "--pipeline", badPipeline]), badPipeline);
        AssertRefused(Invoke(["run", image, .. common, "--pipeline", "edgy"]), "edgy: no such pipeline file, and not a preset");
        AssertRefused(Invoke(["run", image, "--out", output, "--backend", "abacus"]), "unknown backend 'abacus'");
        AssertRefused(Invoke(["run", image, .. common, "--mode", "sideways"]), "--mode 'sideways'");
        AssertRefused(Invoke(["run", image, .. common, "--save", "grid,jpeg"]), "'jpeg' is not one of grid, channels, npy");
        AssertRefused(Invoke(["run", image, .. common, "--normalize", "loud"]), "--normalize 'loud'");
        AssertRefused(Invoke(["run", image, .. common, "--frobnicate"]), "unknown option '--frobnicate'");
        AssertRefused(Invoke(["run", image, "--backend", "cpu-ref"]), "--out DIR is required");
        AssertRefused(Invoke(["run", .. common]), "no INPUT given");
        AssertRefused(Invoke(["run", image, "--backend", "cpu-ref", "--out"]), "--out DIR is required");
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void AnOutputFolderInsideAnInputFolderOrAnOutputOverAnInputIsRefused()
    {
        using var temp = new TempFolder();
        string image = Png(temp, "in/a.png", 6, 6, 3);
        string folder = temp.File("in");
        var before = File.ReadAllBytes(image);

        AssertRefused(Invoke("run", folder, "--out", folder, "--backend", "cpu-ref"), $"is or lies inside input folder {folder}");
        AssertRefused(Invoke("run", folder, "--out", Path.Combine(folder, "out", "deeper"), "--backend", "cpu-ref"), "lies inside input folder");
        // The same folder reached through a symbolic link.
        string link = temp.File("link");
        Directory.CreateSymbolicLink(link, folder);
        AssertRefused(Invoke("run", folder, "--out", Path.Combine(link, "out"), "--backend", "cpu-ref"), "lies inside input folder");
        Assert.Equal(["a.png"], FilesIn(folder));
        Assert.Empty(Directory.GetDirectories(folder));

        // An input that sits in --out under the name another input's output would take.
        string output = temp.File("out");
        Directory.CreateDirectory(output);
        string squatter = Path.Combine(output, "a.png.standard.png");
        File.Copy(image, squatter);
        AssertRefused(Invoke("run", image, squatter, "--out", output, "--backend", "cpu-ref", "--overwrite"), "refusing to overwrite an input");
        Assert.Equal(before, File.ReadAllBytes(squatter));
        Assert.Equal(["a.png.standard.png"], FilesIn(output));
    }

    [Fact]
    public void ExistingOutputsAreKeptUnlessOverwriteIsGiven()
    {
        using var temp = new TempFolder();
        string image = Png(temp, "a.png", 8, 6, 3);
        string output = temp.File("out");
        string[] args = ["run", image, "--out", output, "--backend", "cpu-ref", "--mode", "standard"];
        Assert.Equal(0, Invoke(args).Exit);
        string grid = Path.Combine(output, "a.png.standard.png");
        byte[] marker = "kept as it was"u8.ToArray();
        File.WriteAllBytes(grid, marker);

        // Grid kept, the missing .npy computed and written.
        var kept = Invoke([.. args, "--save", "grid,npy"]);
        Assert.Equal(0, kept.Exit);
        Assert.Equal(marker, File.ReadAllBytes(grid));
        Assert.Contains("kept existing a.png.standard.png", kept.Out);
        Assert.Contains("1 file(s) written, 1 kept", kept.Out);
        Assert.Equal(["a.png.standard.npy", "a.png.standard.png", "report.json"], FilesIn(output));

        var replaced = Invoke([.. args, "--overwrite"]);
        Assert.Equal(0, replaced.Exit);
        Assert.Equal(ChannelVisualizer.RenderGrid(ReferenceOutput(image, ConvMode.Standard)).ToRgba().Pixels, ImageLoader.Load(grid).Pixels.ToRgba().Pixels);
    }

    [Fact]
    public void PlotDrawsTheTimePerImageAndRefusesToReplaceAnInput()
    {
        using var temp = new TempFolder();
        string a = Png(temp, "in/a.png", 12, 9, 3);
        Png(temp, "in/b.png", 7, 5, 1, seed: 3);
        string chart = temp.File("times.png");
        var result = Invoke("run", temp.File("in"), "--out", temp.File("out"), "--backend", "cpu-ref", "--plot", chart);
        Assert.Equal(0, result.Exit);
        Assert.Contains($"wrote {chart}", result.Out);
        var pixels = ImageLoader.Load(chart).Pixels;
        Assert.Equal(RealtimeConv.App.Charts.RunCharts.WidthFor(2), pixels.Width);

        var refused = Invoke("run", a, "--out", temp.File("out2"), "--backend", "cpu-ref", "--plot", a);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("--plot", refused.Err);
        Assert.False(Directory.Exists(temp.File("out2")));
    }

    [Fact]
    public void ApproximateModesAreAnnouncedAndTheirDifferenceReported()
    {
        using var temp = new TempFolder();
        string image = Png(temp, "a.png", 16, 12, 3);
        string output = temp.File("out");

        var (exit, stdout, stderr) = Invoke("run", image, "--out", output, "--backend", "cpu-ref", "--pipeline", "mobilenet", "--save", "npy");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("standard (approximation): stem as defined; ", stdout);
        Assert.Contains("separable (approximation): stem fitted with multiplier", stdout);
        // Three stride-2 layers: 16×12 → 8×6 → 4×3 → 2×2, 256 channels.
        var standard = NpyFile.Read(Path.Combine(output, "a.png.standard.npy"));
        var separable = NpyFile.Read(Path.Combine(output, "a.png.separable.npy"));
        Assert.Equal([256, 2, 2], standard.Shape);
        Assert.Equal([256, 2, 2], separable.Shape);
        float difference = standard.Data.Zip(separable.Data, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(difference > 0, "a fitted stem and dropped activations change the output");
        Assert.Contains($"max |standard - separable| {difference.ToString("G3", System.Globalization.CultureInfo.InvariantCulture).ToLowerInvariant()}", stdout);
    }

    private static void AssertRefused((int Exit, string Out, string Err) result, string expected)
    {
        Assert.Equal(2, result.Exit);
        Assert.Equal("", result.Out);
        string line = Assert.Single(Lines(result.Err));
        Assert.StartsWith("rtconv run: ", line);
        Assert.Contains(expected, line);
    }

    [GeneratedRegex(@"^a\.png~[0-9a-f]{8}\.standard\.png$", RegexOptions.IgnoreCase)]
    private static partial Regex HashedName();
}
