using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Gpu;
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
        gpu.Gl(() =>
        {
            using var cpu = new FastBackend(threads: 2);
            using var difference = new DifferencePass(gpu.Backend.Device, ShaderLibrary.DefaultDirectory);
            using var stage = new ComputeStage(gpu.Backend.Device, gpu.Backend.Shaders, cpu, difference);
            stage.Configure(pipeline, backend);
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
        gpu.Gl(() =>
        {
            using var cpu = new FastBackend(threads: 1);
            using var difference = new DifferencePass(gpu.Backend.Device, ShaderLibrary.DefaultDirectory);
            using var stage = new ComputeStage(gpu.Backend.Device, gpu.Backend.Shaders, cpu, difference);
            stage.Configure(pipeline, ComputeBackendKind.Gpu);
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
