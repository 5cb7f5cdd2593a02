using RealtimeConv.Gpu;
using RealtimeConv.Gpu.Passes;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Gpu.Variants;

/// <summary>Passes on a real context choosing their variant by timing: the choice is remembered, the result still right, nothing leaks.</summary>
[Collection(GpuCollection.Name)]
public sealed class TunedPassTests(GpuFixture gpu) : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "rtconv-tuned-" + Guid.NewGuid().ToString("N"), VariantCache.FileName);

    [Fact]
    public void ATimedChainPicksOneVariantPerPassRemembersItAndStaysCorrect()
    {
        var random = new Random(31);
        ConvLayer[] layers =
        [
            ShaderReferenceTests.MakeLayer(random, "standard", 3, 8, 3, 1, Activation.Relu, true),
            ShaderReferenceTests.MakeLayer(random, "depthwise", 8, 1, 3, 1, Activation.Relu, true),
            ShaderReferenceTests.MakeLayer(random, "pointwise", 8, 8, 1, 1, Activation.None, true),
            ShaderReferenceTests.MakeLayer(random, "depthwise", 8, 1, 3, 1, Activation.Relu, true),
            ShaderReferenceTests.MakeLayer(random, "pointwise", 8, 8, 1, 1, Activation.None, true),
        ];
        var input = GpuAssert.RandomMap(random, 3, 13, 11);
        var expected = input;
        foreach (var layer in layers) expected = new ReferenceBackend().Prepare(layer).Run(expected);
        var selector = new VariantSelector(tune: true, new VariantCache(_path, TextWriter.Null));

        var actual = gpu.Gl(() =>
        {
            var objects = gpu.Backend.Device.Objects;
            int before = objects.Total - objects.Live("program");
            var output = new FeatureMap(8, 13, 11);
            // Layers 0..2 unfused, then 3 + 4 fused: standard, depthwise, pointwise and separable are all timed.
            using (var chain = new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers, fuseSeparable: false, selector))
                chain.RunFrame(input);
            using (var chain = new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers, fuseSeparable: true, selector))
            {
                chain.RunFrame(input);
                chain.Download(layers.Length - 1, output);
            }
            Assert.Equal(before, objects.Total - objects.Live("program"));
            return output;
        });
        GpuAssert.Close(expected, actual, "timed chain");

        string renderer = gpu.Backend.Info.Renderer;
        var remembered = new VariantCache(_path, TextWriter.Null).Entries;
        foreach (var kind in Enum.GetValues<GpuPassKind>())
        {
            var entry = Assert.Single(remembered, e => e.Key.Contains($"| {ShaderVariants.Text(kind)} |"));
            Assert.StartsWith(renderer + " | " + gpu.Backend.Info.Version, entry.Key);
            Assert.Contains(entry.Value, ShaderVariants.For(kind).Select(v => v.Name));
        }
    }

    [Fact]
    public void ABackendWithAForcedVariantRunsIt()
    {
        var forced = VariantSelector.ParseForced("depthwise:4x2", "test");
        var selector = new VariantSelector(tune: false, forced: forced);
        var layer = ShaderReferenceTests.MakeLayer(new Random(2), "depthwise", 6, 1, 3, 1, Activation.None, true);
        var input = GpuAssert.RandomMap(new Random(3), 6, 9, 9);
        var tuned = gpu.Gl(() => new TunedPass(gpu.Backend.Device, selector, GpuPassKind.Depthwise, v => new DepthwisePass(gpu.Backend.Device, gpu.Backend.Shaders, layer, v)));
        using var pass = gpu.Gl(() => new GpuConvPass(gpu.Backend.Thread, gpu.Backend.Device, tuned));
        var output = pass.Run(input);
        Assert.Equal("4x2", tuned.Variant.Name);
        Assert.Equal("4x2", ((DepthwisePass)tuned.Current).Variant.Name);
        GpuAssert.Close(new ReferenceBackend().Prepare(layer).Run(input), output, "forced depthwise 4x2");
    }

    public void Dispose()
    {
        string folder = Path.GetDirectoryName(_path)!;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
