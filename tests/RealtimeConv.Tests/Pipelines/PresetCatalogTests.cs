using RealtimeConv.Execution;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Algebra;

namespace RealtimeConv.Tests.Pipelines;

/// <summary>The built-in pipelines: they build at every kernel size, resolve in both modes and run.</summary>
public sealed class PresetCatalogTests
{
    private static readonly ReferenceBackend Reference = new();

    /// <summary>Float32 rounding of composed weights against the two-pass chain, on values of order 1.</summary>
    private const float ExactModesTolerance = 1e-4f;

    public static TheoryData<string, int> PresetsAndKernels()
    {
        var data = new TheoryData<string, int>();
        foreach (string spec in new[] { "edges", "mobilenet", "random:m=8,n=6", "random:m=3,n=5,type=standard,d=2,s=2" })
            foreach (int k in new[] { 3, 5, 7 }) data.Add(spec, k);
        return data;
    }

    [Theory]
    [MemberData(nameof(PresetsAndKernels))]
    public void EveryPresetResolvesInBothModesAndRunsOnTheReference(string spec, int k)
    {
        var pipeline = PresetCatalog.Build(spec, k);
        Assert.All(pipeline.Blocks, b => Assert.Equal(k, b.Kernel));
        // Small and not square: mobilenet at K = 7 in standard mode runs composed 128→256 7×7 layers on the oracle.
        var input = RandomTensors.Map(3, 7, 6, 1);
        FeatureMap? first = null;
        foreach (var mode in new[] { ConvMode.Standard, ConvMode.Separable })
        {
            using var executor = new PipelineExecutor(pipeline.Resolve(mode), Reference);
            var output = executor.Run(input);
            Assert.Equal(pipeline.OutputChannels, output.Channels);
            Assert.All(output.ToPlanar(), v => Assert.True(float.IsFinite(v)));
            if (first is null) first = output;
            else Assert.Equal((first.Height, first.Width), (output.Height, output.Width));
        }
    }

    [Fact]
    public void PresetsAreDeterministic()
    {
        foreach (string name in PresetCatalog.Names)
        {
            var a = PresetCatalog.Build(name).Resolve(ConvMode.Separable).Layers;
            var b = PresetCatalog.Build(name).Resolve(ConvMode.Separable).Layers;
            Assert.Equal(a.Select(l => l.Weights.ToArray()), b.Select(l => l.Weights.ToArray()));
        }
    }

    [Fact]
    public void EdgesIsLinearSoBothModesAgree()
    {
        var edges = PresetCatalog.Build("edges");
        Assert.True(edges.Resolve(ConvMode.Standard).IsExact);
        var input = RandomTensors.Map(3, 16, 16, 2);
        Assert.True(ModeComparison.MaxAbsDifference(edges, Reference, input) < ExactModesTolerance);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void EdgesSeesLuminanceAndNoEdgesInASolidColour(int k)
    {
        var output = RunEdges(k, (c, y, x) => new[] { 0.8f, 0.4f, 0.2f }[c]);
        float luma = 0.299f * 0.8f + 0.587f * 0.4f + 0.114f * 0.2f;
        int centre = 8;
        Assert.Equal(luma, output[0, centre, centre], 5);
        for (int c = 1; c < 8; c++) Assert.Equal(0f, output[c, centre, centre], 5);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void EdgesMeasuresAGreyRampAsLuminanceSlopeWithNoColourEdges(int k)
    {
        // Grey ramp rising 0.1 per pixel along x: luma edge x = 0.1, everything else at the centre is 0
        // (except the blur, which keeps the ramp's value).
        var output = RunEdges(k, (c, y, x) => 0.1f * x);
        int centre = 8;
        Assert.Equal(0.1f, output[1, centre, centre], 5);
        Assert.Equal(0f, output[2, centre, centre], 5);
        Assert.Equal(0f, output[3, centre, centre], 5);
        for (int c = 4; c < 8; c++) Assert.Equal(0f, output[c, centre, centre], 5);
        Assert.Equal(0.8f, output[0, centre, centre], 5);
    }

    [Fact]
    public void MobileNetHasTheStemAndSeparableBlocks()
    {
        var net = PresetCatalog.Build("mobilenet");
        var stem = Assert.IsType<StandardBlock>(net.Blocks[0]);
        Assert.Equal((3, 32, 3, 2, Activation.Relu6), (stem.InChannels, stem.OutChannels, stem.Kernel, stem.Stride, stem.Layer.Activation));
        Assert.All(net.Blocks.Skip(1), b => Assert.Equal(Activation.Relu6, Assert.IsType<SeparableBlock>(b).Between));
        Assert.Equal(256, net.OutputChannels);
        Assert.NotEqual(
            PresetCatalog.Build("mobilenet:seed=2").Blocks[1] is SeparableBlock s2 ? s2.Depthwise.Weights.ToArray() : null,
            ((SeparableBlock)net.Blocks[1]).Depthwise.Weights.ToArray());
    }

    [Fact]
    public void RandomTakesItsOptionsAndTheKernelOverride()
    {
        var p = PresetCatalog.Build("random:m=4,n=6,k=5,s=2,d=3,seed=9");
        var block = Assert.IsType<SeparableBlock>(Assert.Single(p.Blocks));
        Assert.Equal((4, 6, 5, 2, 3), (p.InputChannels, block.OutChannels, block.Kernel, block.Stride, block.Multiplier));
        Assert.Equal(7, PresetCatalog.Build("random:k=5", 7).Blocks[0].Kernel);
        Assert.IsType<StandardBlock>(PresetCatalog.Build("random:type=standard").Blocks[0]);
    }

    [Theory]
    [InlineData("sharpen", "sharpen: unknown preset 'sharpen' (known: edges, mobilenet, random)")]
    [InlineData("random:q=1", "random:q=1: unknown option 'q' for preset 'random'")]
    [InlineData("random:m=many", "random:m=many: option 'm' must be an integer, not 'many'")]
    [InlineData("random:m", "random:m: option 'm' is not key=value")]
    [InlineData("random:k=4", "random:k=4: ")]
    [InlineData("random:type=dilated", "random:type=dilated: type 'dilated' is not")]
    [InlineData("edges:seed=1", "unknown option 'seed' for preset 'edges'")]
    public void BadSpecsAreOneLineErrors(string spec, string expected)
    {
        var e = Assert.Throws<PipelineFileException>(() => PresetCatalog.Build(spec));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void SourceLoadsPresetsAndFilesAndExplainsNeither()
    {
        Assert.Equal("edges k3", PipelineSource.Load("edges").Name);
        Assert.Equal(5, PipelineSource.Load("random:k=5").Blocks[0].Kernel);

        string folder = Directory.CreateTempSubdirectory("rtconv-src-").FullName;
        try
        {
            string path = Path.Combine(folder, "one.json");
            File.WriteAllText(path, """{"input_channels": 1, "blocks": [{"type": "standard", "out_channels": 1, "kernel": 1, "weights": [2]}]}""");
            Assert.Equal("one", PipelineSource.Load(path).Name);
            Assert.Contains("file not found", Assert.Throws<PipelineFileException>(() => PipelineSource.Load(Path.Combine(folder, "two.json"))).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        var e = Assert.Throws<PipelineFileException>(() => PipelineSource.Load("edgy"));
        Assert.Equal("edgy: no such pipeline file, and not a preset (known: edges, mobilenet, random)", e.Message);
    }

    private static FeatureMap RunEdges(int k, Func<int, int, int, float> image)
    {
        var input = new FeatureMap(3, 17, 17);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 17; y++)
                for (int x = 0; x < 17; x++) input[c, y, x] = image(c, y, x);
        using var executor = new PipelineExecutor(PresetCatalog.Build("edges", k).Resolve(ConvMode.Separable), Reference);
        var output = executor.Run(input);
        var copy = new FeatureMap(output.Channels, output.Height, output.Width);
        output.Span.CopyTo(copy.Span);
        return copy;
    }
}
