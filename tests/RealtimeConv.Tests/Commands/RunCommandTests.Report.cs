using System.Text.Json;
using RealtimeConv.Cost;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Commands;

/// <summary>report.json: what `rtconv run` records about each image, layer and mode.</summary>
public sealed partial class RunCommandTests
{
    [Fact]
    public void TheReportHoldsEveryImageLayerAndModeWithCostsShapesAndTheModesDifference()
    {
        using var temp = new TempFolder();
        string a = Png(temp, "in/a.png", 16, 12, 3);
        string broken = temp.Write("in/b.png", "not an image at all"u8.ToArray());
        string missing = temp.File("nowhere.png");
        string output = temp.File("out");

        var (exit, _, _) = Invoke("run", temp.File("in"), missing, "--out", output, "--backend", "cpu-ref");

        Assert.Equal(1, exit);
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "report.json")));
        var root = report.RootElement;
        Assert.Equal(PresetCatalog.Build("edges").Name, root.GetProperty("pipeline").GetString());
        Assert.Equal("cpu-ref", root.GetProperty("backend").GetString());
        Assert.Equal(3, root.GetProperty("input_channels").GetInt32());
        Assert.Equal(EdgesChannels, root.GetProperty("output_channels").GetInt32());
        Assert.False(root.GetProperty("interrupted").GetBoolean());
        Assert.Equal(["standard", "separable"], root.GetProperty("modes").EnumerateArray().Select(m => m.GetProperty("mode").GetString()));

        var images = root.GetProperty("images").EnumerateArray().ToArray();
        Assert.Equal([Path.Combine(temp.File("in"), "a.png"), Path.Combine(temp.File("in"), "b.png")], images.Select(i => i.GetProperty("image").GetString()));
        var computed = images[0];
        Assert.Equal("computed", computed.GetProperty("status").GetString());
        Assert.Equal(16, computed.GetProperty("width").GetInt32());
        Assert.Equal(12, computed.GetProperty("height").GetInt32());
        Assert.Equal(2, computed.GetProperty("files_written").GetInt32());
        var standardOut = ReferenceOutput(a, ConvMode.Standard);
        var separableOut = ReferenceOutput(a, ConvMode.Separable);
        Assert.Equal(FeatureMap.MaxAbsDifference(standardOut, separableOut), computed.GetProperty("max_abs_difference").GetSingle());

        var pipeline = PresetCatalog.Build("edges");
        var modes = computed.GetProperty("modes").EnumerateArray().ToArray();
        Assert.Equal(2, modes.Length);
        foreach (var (mode, json) in new[] { ConvMode.Standard, ConvMode.Separable }.Zip(modes))
        {
            Assert.Equal(mode.ToString().ToLowerInvariant(), json.GetProperty("mode").GetString());
            var expected = pipeline.Resolve(mode).Layers;
            var layers = json.GetProperty("layers").EnumerateArray().ToArray();
            Assert.Equal(expected.Select(l => l.Name), layers.Select(l => l.GetProperty("name").GetString()));
            Assert.Equal(expected.Select(l => l.Kind.ToString().ToLowerInvariant()), layers.Select(l => l.GetProperty("kind").GetString()));
            Assert.Equal(expected.Select(l => ConvCost.Multiplications(l, 12, 16)), layers.Select(l => l.GetProperty("multiplications").GetInt64()));
            Assert.Equal(expected.Sum(l => ConvCost.Multiplications(l, 12, 16)), json.GetProperty("multiplications").GetInt64());
            Assert.All(layers, l => Assert.Equal("wall", l.GetProperty("clock").GetString()));
            Assert.All(layers, l => Assert.True(l.GetProperty("milliseconds").GetDouble() >= 0));
            Assert.Equal([3, 12, 16], layers[0].GetProperty("input_shape").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal([EdgesChannels, 12, 16], layers[^1].GetProperty("output_shape").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal(layers.Sum(l => l.GetProperty("milliseconds").GetDouble()), json.GetProperty("milliseconds").GetDouble(), 1e-9);
        }
        // Standard mode runs the composed K×K layer: the separable mode's count is smaller by the cost model's ratio.
        Assert.True(modes[1].GetProperty("multiplications").GetInt64() < modes[0].GetProperty("multiplications").GetInt64());

        Assert.Equal("failed", images[1].GetProperty("status").GetString());
        Assert.StartsWith($"{broken}: not an image", images[1].GetProperty("error").GetString());
        var failures = root.GetProperty("failures").EnumerateArray().Select(f => f.GetString()!).ToArray();
        Assert.Equal(2, failures.Length);
        Assert.Contains(failures, f => f.StartsWith($"{missing}: not found"));
        var totals = root.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("images").GetInt32());
        Assert.Equal(1, totals.GetProperty("computed").GetInt32());
        Assert.Equal(2, totals.GetProperty("failed").GetInt32());
        Assert.Equal(2, totals.GetProperty("files_written").GetInt32());
        Assert.Equal(modes.Select(m => m.GetProperty("multiplications").GetInt64()),
            totals.GetProperty("modes").EnumerateArray().Select(m => m.GetProperty("multiplications").GetInt64()));
        // Written atomically: no temporary file is left beside it.
        Assert.DoesNotContain(Directory.GetFiles(output), f => f.EndsWith(".tmp"));
    }

    [Fact]
    public void AnInputNamedLikeTheReportInTheOutputFolderIsRefused()
    {
        using var temp = new TempFolder();
        string image = Png(temp, "a.png", 6, 6, 3);
        string output = temp.File("out");
        Directory.CreateDirectory(output);
        string squatter = temp.Write("out/report.json", "{}"u8.ToArray());

        AssertRefused(Invoke("run", image, squatter, "--out", output, "--backend", "cpu-ref"), "refusing to overwrite an input with the run's report");
        Assert.Equal("{}", File.ReadAllText(squatter));
    }
}
