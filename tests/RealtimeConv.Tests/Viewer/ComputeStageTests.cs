using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Display;
using RealtimeConv.Tests.Gpu;
using RealtimeConv.Tests.Imaging;
using RealtimeConv.Viewer.Compute;
using RealtimeConv.Viewer.Display;

namespace RealtimeConv.Tests.Viewer;

/// <summary>The viewer's compute node on the headless context: both backends, both modes, mode switches.</summary>
[Collection(GpuCollection.Name)]
public sealed class ComputeStageTests(GpuFixture gpu)
{
    /// <summary>What two float32 chains of the same maths may disagree by (the HUD's 1e-4 claim).</summary>
    private const float Agreement = 1e-4f;

    [Theory]
    [InlineData(ComputeBackendKind.Cpu)]
    [InlineData(ComputeBackendKind.Gpu)]
    public void Side_by_side_on_a_composed_preset_the_modes_agree_and_match_the_reference(ComputeBackendKind backend)
    {
        var pipeline = PresetCatalog.Build("edges");
        var input = GpuAssert.RandomMap(new Random(3), 3, 20, 27);
        var expected = Reference(pipeline, input);
        OnStage(pipeline, backend, threads: 2, stage =>
        {
            Assert.Equal(backend, stage.Backend);
            Assert.Null(stage.Problem);
            stage.Run(input, inputChanged: true, standard: true, separable: true, block: 0, differenceMap: true);
            Assert.InRange(stage.MaxAbsDifference, 0f, Agreement);
            GpuAssert.Close(expected, stage.Standard.ReadLayer(0), $"{backend} standard");
            GpuAssert.Close(expected, stage.Separable.ReadLayer(1), $"{backend} separable");
        });
    }

    [Fact]
    public void A_chain_hidden_while_the_image_changed_computes_the_new_image_when_shown_again()
    {
        var pipeline = PresetCatalog.Build("edges");
        var first = GpuAssert.RandomMap(new Random(4), 3, 16, 18);
        var second = GpuAssert.RandomMap(new Random(5), 3, 16, 18);
        var expected = Reference(pipeline, second);
        OnStage(pipeline, ComputeBackendKind.Gpu, threads: 1, stage =>
        {
            // Mode 1 on the first image, then a new image still in mode 1 (the input changes once, for the shown chain only)...
            stage.Run(first, inputChanged: true, standard: true, separable: false, block: 0, differenceMap: false);
            stage.Run(second, inputChanged: true, standard: true, separable: false, block: 0, differenceMap: false);
            Assert.True(float.IsNaN(stage.MaxAbsDifference));
            // ...then mode 3, with no new input: the separable chain must still see the second image.
            stage.Run(second, inputChanged: false, standard: true, separable: true, block: 0, differenceMap: false);
            GpuAssert.Close(expected, stage.Separable.ReadLayer(1), "separable chain after being hidden");
            Assert.InRange(stage.MaxAbsDifference, 0f, Agreement);
        });
    }

    [Fact]
    public void On_the_gpu_a_planar_input_gives_the_blocked_inputs_outputs()
    {
        var pipeline = PresetCatalog.Build("edges");
        var blocked = GpuAssert.RandomMap(new Random(6), 3, 17, 22);
        OnStage(pipeline, ComputeBackendKind.Gpu, threads: 1, stage =>
        {
            stage.Run(blocked, inputChanged: true, standard: true, separable: true, block: 0, differenceMap: false);
            var (standard, separable) = (stage.Standard.ReadLayer(0), stage.Separable.ReadLayer(1));
            stage.Run(blocked.InLayout(ChannelLayout.Planar), inputChanged: true, standard: true, separable: true, block: 0, differenceMap: false);
            Assert.Equal(0f, FeatureMap.MaxAbsDifference(standard, stage.Standard.ReadLayer(0)));
            Assert.Equal(0f, FeatureMap.MaxAbsDifference(separable, stage.Separable.ReadLayer(1)));
        });
    }

    [Theory]
    [InlineData(ChannelLayout.Planar, ChannelLayout.Planar)]
    [InlineData(ChannelLayout.Planar, ChannelLayout.Blocked)]
    [InlineData(ChannelLayout.Blocked, ChannelLayout.Planar)]
    public void The_cpu_difference_map_is_standard_minus_separable_whatever_their_layouts(ChannelLayout left, ChannelLayout right)
    {
        var a = GpuAssert.RandomMap(new Random(8), 3, 9, 13);
        var b = GpuAssert.RandomMap(new Random(9), 3, 9, 13);
        var expected = new FeatureMap(3, 9, 13);
        ComputeStage.Subtract(a, b, expected);

        var actual = new FeatureMap(3, 9, 13, left);
        ComputeStage.Subtract(a.InLayout(left), b.InLayout(right), actual);

        Assert.Equal(0f, FeatureMap.MaxAbsDifference(expected, actual));
    }

    [Fact]
    public void A_cpu_map_is_shown_and_measured_the_same_from_either_layout()
    {
        var blocked = GpuAssert.RandomMap(new Random(10), 3, 15, 9);
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            float[] staging = [], ranges = [];
            using var fromBlocked = new GpuFeatureMap(device, "blocked");
            using var fromPlanar = new GpuFeatureMap(device, "planar");
            CpuModeRunner.Show(blocked, fromBlocked, ref staging, ref ranges, out int blockedFloats);
            var blockedRanges = ranges[..blockedFloats];
            CpuModeRunner.Show(blocked.InLayout(ChannelLayout.Planar), fromPlanar, ref staging, ref ranges, out int planarFloats);
            Assert.Equal(blockedRanges, ranges[..planarFloats]);
            Assert.Equal(0f, FeatureMap.MaxAbsDifference(blocked, DisplayTestKit.Download(fromPlanar)));
            Assert.Equal(0f, FeatureMap.MaxAbsDifference(blocked, DisplayTestKit.Download(fromBlocked)));
        });
    }

    /// <summary>Runs <paramref name="test"/> on the GL thread with a stage configured for <paramref name="pipeline"/> on <paramref name="backend"/>.</summary>
    private void OnStage(Pipeline pipeline, ComputeBackendKind backend, int threads, Action<ComputeStage> test) => gpu.Gl(() =>
    {
        using var cpu = new FastBackend(threads);
        using var difference = new DifferencePass(gpu.Backend.Device, ShaderLibrary.DefaultDirectory);
        using var stage = new ComputeStage(gpu.Backend.Device, gpu.Backend.Shaders, cpu, difference);
        stage.Configure(pipeline, backend);
        test(stage);
    });

    private static FeatureMap Reference(Pipeline pipeline, FeatureMap input)
    {
        using var reference = new RealtimeConv.Kernels.Reference.ReferenceBackend();
        using var executor = new RealtimeConv.Execution.PipelineExecutor(pipeline.Resolve(ConvMode.Separable), reference);
        executor.Run(input);
        var output = executor.LayerOutput(1);
        var copy = new FeatureMap(output.Channels, output.Height, output.Width);
        output.Span.CopyTo(copy.Span);
        return copy;
    }
}
