using RealtimeConv.Gpu;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Gpu;

/// <summary>A chain with fused separable pairs gives the same outputs as the reference chain, and says which outputs it skips.</summary>
[Collection(GpuCollection.Name)]
public sealed class GpuChainFusionTests(GpuFixture gpu)
{
    // standard s2, dw 8 → pw 8→12 (fuses), dw 12 d2 s2 → pw 24→5 (fuses), standard, dw 5 → pw 5→40 (too wide: runs unfused).
    private static ConvLayer[] Layers(Random random) =>
    [
        ShaderReferenceTests.MakeLayer(random, "standard", 3, 8, 3, 2, Activation.Relu, true),
        ShaderReferenceTests.MakeLayer(random, "depthwise", 8, 1, 3, 1, Activation.Relu6, true),
        ShaderReferenceTests.MakeLayer(random, "pointwise", 8, 12, 1, 1, Activation.Relu6, false),
        ShaderReferenceTests.MakeLayer(random, "depthwise", 12, 2, 5, 2, Activation.None, true),
        ShaderReferenceTests.MakeLayer(random, "pointwise", 24, 5, 1, 1, Activation.None, true),
        ShaderReferenceTests.MakeLayer(random, "standard", 5, 5, 3, 1, Activation.Relu, true),
        ShaderReferenceTests.MakeLayer(random, "depthwise", 5, 1, 3, 1, Activation.None, true),
        ShaderReferenceTests.MakeLayer(random, "pointwise", 5, 40, 1, 1, Activation.Relu, true),
    ];

    [Fact]
    public void FusedChainMatchesTheReferenceAndSkipsOnlyTheFusedDepthwiseOutputs()
    {
        var random = new Random(21);
        var layers = Layers(random);
        var reference = new ReferenceBackend();
        gpu.Gl(() =>
        {
            using var chain = new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers, fuseSeparable: true);
            Assert.True(chain.FuseSeparable);
            Assert.Equal([true, false, true, false, true, true, true, true], Enumerable.Range(0, layers.Length).Select(chain.HasOutput));
            Assert.Equal([false, false, true, false, true, false, false, false], Enumerable.Range(0, layers.Length).Select(chain.IsFused));
            foreach (var (h, w) in new[] { (23, 19), (10, 16) })
            {
                var input = GpuAssert.RandomMap(random, 3, h, w);
                chain.RunFrame(input);
                var expected = input;
                for (int i = 0; i < layers.Length; i++)
                {
                    expected = reference.Prepare(layers[i]).Run(expected);
                    if (!chain.HasOutput(i))
                    {
                        var error = Assert.Throws<InvalidOperationException>(() => chain.Output(i));
                        Assert.Contains(layers[i].Name, error.Message);
                        Assert.Null(chain.Timing(i));
                        continue;
                    }
                    var actual = new FeatureMap(expected.Channels, expected.Height, expected.Width);
                    chain.Download(i, actual);
                    GpuAssert.Close(expected, actual, $"{h}×{w} layer {i} {layers[i]}");
                    Assert.NotNull(chain.WaitTiming(i).Clock);
                }
            }
        });
    }

    [Fact]
    public void FusedAndUnfusedChainsGiveTheSameFinalOutput()
    {
        var random = new Random(22);
        var layers = Layers(random);
        var input = GpuAssert.RandomMap(random, 3, 17, 15);
        var (fused, unfused) = gpu.Gl(() =>
        {
            using var withFusion = new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers, fuseSeparable: true);
            using var without = new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers);
            Assert.False(without.FuseSeparable);
            Assert.All(Enumerable.Range(0, layers.Length), i => Assert.True(without.HasOutput(i)));
            withFusion.RunFrame(input);
            without.RunFrame(input);
            var last = withFusion.Output(layers.Length - 1);
            var a = new FeatureMap(last.Channels, last.Height, last.Width);
            var b = new FeatureMap(last.Channels, last.Height, last.Width);
            withFusion.Download(layers.Length - 1, a);
            without.Download(layers.Length - 1, b);
            return (a, b);
        });
        GpuAssert.Close(unfused, fused, "fused vs unfused chain");
    }
}
