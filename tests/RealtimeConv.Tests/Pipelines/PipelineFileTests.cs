using RealtimeConv.IO;
using RealtimeConv.Layers;
using RealtimeConv.Pipelines;
using RealtimeConv.Tests.IO;

namespace RealtimeConv.Tests.Pipelines;

/// <summary>Pipeline JSON files: the schema, every weight source, and one-line errors for bad files.</summary>
public sealed class PipelineFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rtconv-pipe-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string json)
    {
        string path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    private const string Example = """
        {
          // comments and trailing commas are allowed
          "name": "demo",
          "input_channels": 1,
          "blocks": [
            { "type": "separable", "kernel": 3, "stride": 1, "multiplier": 2,
              "depthwise": { "weights": { "preset": ["blur", "sobel_x"] }, "bias": [0.5, 0], "activation": "relu" },
              "pointwise": { "out_channels": 2, "weights": [[1, 0], [0.25, 1]], "bias": { "npy": "w/pw_bias.npy" }, "activation": "relu6" } },
            { "type": "standard", "name": "head", "out_channels": 3, "kernel": 1, "stride": 2,
              "weights": { "random": { "seed": 7 } }, "fit_multiplier": 1 },
            { "type": "standard", "out_channels": 1, "kernel": 3, "weights": { "npy": "w/last.npy" } },
          ],
        }
        """;

    [Fact]
    public void ExampleLoadsWithEveryWeightSource()
    {
        string path = Write("demo.json", Example);
        Directory.CreateDirectory(Path.Combine(_folder, "w"));
        NpyFile.Write(Path.Combine(_folder, "w", "pw_bias.npy"), [0.1f, 0.2f], [2]);
        var last = Enumerable.Range(0, 27).Select(i => (float)i).ToArray();
        NpyFile.Write(Path.Combine(_folder, "w", "last.npy"), last, [1, 3, 3, 3]);

        var pipeline = PipelineFile.Load(path);
        Assert.Equal(("demo", 1, 3), (pipeline.Name, pipeline.InputChannels, pipeline.Blocks.Count));

        var sep = Assert.IsType<SeparableBlock>(pipeline.Blocks[0]);
        Assert.Equal(("block0", 2, Activation.Relu, Activation.Relu6), (sep.Name, sep.Multiplier, sep.Between, sep.Pointwise.Activation));
        Assert.Equal(FilterPresets.Build("blur", 3), sep.Depthwise.Weights[..9].ToArray());
        Assert.Equal(FilterPresets.Build("sobel_x", 3), sep.Depthwise.Weights[9..].ToArray());
        Assert.Equal(new[] { 0.5f, 0 }, sep.Depthwise.Bias.ToArray());
        Assert.Equal(new[] { 1f, 0, 0.25f, 1 }, sep.Pointwise.Weights.ToArray());
        Assert.Equal(new[] { 0.1f, 0.2f }, sep.Pointwise.Bias.ToArray());

        var head = Assert.IsType<StandardBlock>(pipeline.Blocks[1]);
        Assert.Equal(("head", 2, 3, 2, 1), (head.Name, head.InChannels, head.OutChannels, head.Stride, head.FitMultiplier));
        // He initialisation: deterministic from the seed, and the same as the presets' generator.
        Assert.Equal(SeededNormal.He(7, 6, 2), head.Layer.Weights.ToArray());
        Assert.Equal(head.Layer.Weights.ToArray(), Assert.IsType<StandardBlock>(PipelineFile.Load(path).Blocks[1]).Layer.Weights.ToArray());

        var tail = Assert.IsType<StandardBlock>(pipeline.Blocks[2]);
        Assert.Equal(last, tail.Layer.Weights.ToArray());
        Assert.False(tail.Layer.HasBias);
    }

    [Fact]
    public void RandomWeightsHaveTheHeVariance()
    {
        var values = SeededNormal.He(3, 20000, 50);
        double mean = values.Average(v => (double)v);
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        // 20 000 samples: the sample variance is within ~1 % (2σ) of 2 / fan_in = 0.04.
        Assert.InRange(variance, 0.04 * 0.96, 0.04 * 1.04);
        Assert.InRange(mean, -0.005, 0.005);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { """{"input_channels": 3, "blocks": [}""", "malformed JSON at line 1, column 34" },
        { "{\n  \"input_channels\": 3,\n  \"blocks\": [\n    {\"type\": \"standard\",, }\n  ]\n}", "malformed JSON at line 4" },
        { """{"input_channels": 3}""", "$: missing field 'blocks'" },
        { """{"input_channels": 3, "blocks": []}""", "$.blocks: must be a non-empty array" },
        { """{"input_channels": 3, "colour": 1, "blocks": []}""", "$.colour: unknown field" },
        { """{"input_channels": 3, "blocks": [{"type": "dilated"}]}""", "$.blocks[0].type: unknown block type 'dilated'" },
        { """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 1, "kernel": 1, "weights": [1], "activation": "tanh"}]}""",
          "$.blocks[0].activation: unknown activation 'tanh'" },
        { """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 2, "kernel": 1, "weights": [1, 2, 3]}]}""",
          "$.blocks[0].weights: has shape (3,) (3 values), expected (2, 1, 1, 1) (2 values)" },
        { """{"input_channels": 2, "blocks": [{"type": "standard", "out_channels": 3, "kernel": 1, "weights": [[1, 2, 3], [4, 5, 6]]}]}""",
          "$.blocks[0].weights: has shape (2, 3) (6 values), expected (3, 2, 1, 1)" },
        { """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 2, "kernel": 1, "weights": [[1], [2, 3]]}]}""",
          "$.blocks[0].weights[1]: is ragged" },
        { """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 2, "kernel": 1, "weights": [1, "2"]}]}""",
          "$.blocks[0].weights[1]: must be a number" },
        { """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 1, "kernel": 4, "weights": {"random": {"seed": 1}}}]}""",
          "$.blocks[0]: layer 'block0': kernel: 4 is even" },
        { """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 1, "kernel": 3, "stride": 3, "weights": {"random": {"seed": 1}}}]}""",
          "$.blocks[0].stride: 3 is outside 1..2" },
        { """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 1, "kernel": 3, "weights": {"preset": ["blur"]}}]}""",
          "$.blocks[0].weights.preset: filter presets are for depthwise weights only" },
        { """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 1, "kernel": 3, "weights": {"gaussian": 1}}]}""",
          "$.blocks[0].weights.gaussian: unknown weight source" },
        { """{"input_channels": 1, "blocks": [{"type": "separable", "kernel": 3, "multiplier": 2, "depthwise": {"weights": {"preset": ["blur"]}}, "pointwise": {"out_channels": 1, "weights": [1, 1]}}]}""",
          "$.blocks[0].depthwise.weights.preset: names 1 filters, the multiplier is 2" },
        { """{"input_channels": 1, "blocks": [{"type": "separable", "kernel": 3, "depthwise": {"weights": {"preset": ["emboss"]}}, "pointwise": {"out_channels": 1, "weights": [1]}}]}""",
          "$.blocks[0].depthwise.weights.preset[0]: unknown filter 'emboss'" },
        { """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 1, "kernel": 1, "weights": {"npy": "nowhere.npy"}}]}""",
          "$.blocks[0].weights.npy: " },
        { """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 1, "kernel": 1, "weights": [1], "bias": [1, 2]}]}""",
          "$.blocks[0].bias: has shape (2,) (2 values), expected (1,)" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFilesGiveOneLineNamingTheFileAndThePlace(string json, string expected)
    {
        string path = Write("bad.json", json);
        var e = Assert.Throws<PipelineFileException>(() => PipelineFile.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void MissingNpyIsNamedWithItsPath()
    {
        string path = Write("p.json", """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 1, "kernel": 1, "weights": {"npy": "nowhere.npy"}}]}""");
        var e = Assert.Throws<PipelineFileException>(() => PipelineFile.Load(path));
        Assert.Contains(Path.Combine(_folder, "nowhere.npy") + ": file not found", e.Message);
    }

    [Fact]
    public void NpyOfTheWrongDtypeShapeOrLengthIsRefused()
    {
        string json = """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 2, "kernel": 1, "weights": {"npy": "w.npy"}}]}""";
        string path = Write("p.json", json);
        string npy = Path.Combine(_folder, "w.npy");

        File.WriteAllBytes(npy, NpyFileTests.WithHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", 16));
        Assert.Contains("dtype '<i8' is not supported", Assert.Throws<PipelineFileException>(() => PipelineFile.Load(path)).Message);

        File.WriteAllBytes(npy, NpyFileTests.WithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 7));
        Assert.Contains("truncated data", Assert.Throws<PipelineFileException>(() => PipelineFile.Load(path)).Message);

        NpyFile.Write(npy, new float[3], [3]);
        Assert.Contains("w.npy has shape (3,), expected (2, 1, 1, 1)", Assert.Throws<PipelineFileException>(() => PipelineFile.Load(path)).Message);

        NpyFile.Write(npy, [1f, 2f], [2]);
        Assert.Equal(new[] { 1f, 2f }, Assert.IsType<StandardBlock>(PipelineFile.Load(path).Blocks[0]).Layer.Weights.ToArray());
    }

    [Fact]
    public void MissingPipelineFileIsNamed()
    {
        string path = Path.Combine(_folder, "absent.json");
        Assert.Equal($"{path}: file not found", Assert.Throws<PipelineFileException>(() => PipelineFile.Load(path)).Message);
    }

    [Fact]
    public void ChannelCountsFlowFromBlockToBlock()
    {
        string path = Write("flow.json", """
            {"input_channels": 3, "blocks": [
              {"type": "standard", "out_channels": 5, "kernel": 3, "weights": {"random": {"seed": 1}}},
              {"type": "separable", "kernel": 5, "multiplier": 2,
               "depthwise": {"weights": {"random": {"seed": 2}}}, "pointwise": {"out_channels": 4, "weights": {"random": {"seed": 3}}}}]}
            """);
        var pipeline = PipelineFile.Load(path);
        Assert.Equal("flow", pipeline.Name);
        var sep = Assert.IsType<SeparableBlock>(pipeline.Blocks[1]);
        Assert.Equal((5, 10, 10, 4), (sep.Depthwise.InChannels, sep.Depthwise.OutChannels, sep.Pointwise.InChannels, sep.OutChannels));
    }

    [Fact]
    public void ShippedExampleLoadsAndResolvesInBothModes()
    {
        string path = Path.Combine(RepositoryRoot(), "media", "pipelines", "demo.json");
        var pipeline = PipelineSource.Load(path);
        Assert.Equal(("demo", 3, 8), (pipeline.Name, pipeline.InputChannels, pipeline.OutputChannels));
        Assert.Equal(BlockResolution.ComposedExactly, pipeline.Resolve(ConvMode.Standard).Blocks[0].Resolution);
        var head = pipeline.Resolve(ConvMode.Separable).Blocks[1];
        Assert.Equal((BlockResolution.Fitted, 2), (head.Resolution, head.FitMultiplier));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RealtimeConv.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("RealtimeConv.sln not found above " + AppContext.BaseDirectory);
    }
}
