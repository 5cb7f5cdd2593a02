using RealtimeConv.Gpu;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Gpu;

/// <summary>Several layers resident on the GPU, each output read back and compared; no leaks over many frames.</summary>
[Collection(GpuCollection.Name)]
public sealed class GpuChainTests(GpuFixture gpu)
{
    private static ConvLayer[] Separable(Random random) =>
    [
        ShaderReferenceTests.MakeLayer(random, "standard", 3, 8, 3, 2, Activation.Relu, true),
        ShaderReferenceTests.MakeLayer(random, "depthwise", 8, 1, 3, 1, Activation.Relu6, true),
        ShaderReferenceTests.MakeLayer(random, "pointwise", 8, 12, 1, 1, Activation.Relu6, false),
        ShaderReferenceTests.MakeLayer(random, "depthwise", 12, 2, 5, 2, Activation.None, true),
        ShaderReferenceTests.MakeLayer(random, "pointwise", 24, 5, 1, 1, Activation.None, true),
        ShaderReferenceTests.MakeLayer(random, "standard", 5, 3, 7, 1, Activation.Relu, true),
    ];

    [Fact]
    public void EveryLayerOfAChainMatchesTheReferenceChain()
    {
        var random = new Random(7);
        var layers = Separable(random);
        var input = GpuAssert.RandomMap(random, 3, 37, 29);
        var reference = new ReferenceBackend();

        var outputs = gpu.Gl(() =>
        {
            using var chain = new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers);
            chain.RunFrame(input);
            var maps = new List<FeatureMap>();
            for (int i = 0; i < layers.Length; i++)
            {
                var gpuOut = chain.Output(i);
                var map = new FeatureMap(gpuOut.Channels, gpuOut.Height, gpuOut.Width);
                chain.Download(i, map);
                maps.Add(map);
            }
            return maps;
        });

        var expected = input;
        for (int i = 0; i < layers.Length; i++)
        {
            expected = reference.Prepare(layers[i]).Run(expected);
            GpuAssert.Close(expected, outputs[i], $"layer {i} {layers[i]}");
        }
    }

    [Fact]
    public void ChainFollowsAnInputSizeChange()
    {
        var random = new Random(11);
        var layers = Separable(random);
        var reference = new ReferenceBackend();
        gpu.Gl(() =>
        {
            using var chain = new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers);
            foreach (var (h, w) in new[] { (16, 16), (9, 21), (16, 16) })
            {
                var input = GpuAssert.RandomMap(random, 3, h, w);
                chain.RunFrame(input);
                var expected = input;
                foreach (var layer in layers) expected = reference.Prepare(layer).Run(expected);
                var actual = new FeatureMap(expected.Channels, expected.Height, expected.Width);
                chain.Download(layers.Length - 1, actual);
                GpuAssert.Close(expected, actual, $"{h}×{w} last layer");
            }
        });
    }

    [Fact]
    public void APlanarInputAndPlanarDownloadsGiveTheBlockedResults()
    {
        var random = new Random(17);
        var layers = Separable(random);
        var blocked = GpuAssert.RandomMap(random, 3, 21, 19);
        var planar = blocked.InLayout(ChannelLayout.Planar);
        gpu.Gl(() =>
        {
            using var chain = new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers);
            var fromBlocked = new List<FeatureMap>();
            chain.RunFrame(blocked);
            for (int i = 0; i < layers.Length; i++)
            {
                var output = chain.Output(i);
                var map = new FeatureMap(output.Channels, output.Height, output.Width);
                chain.Download(i, map);
                fromBlocked.Add(map);
            }
            chain.RunFrame(planar);
            for (int i = 0; i < layers.Length; i++)
            {
                var output = chain.Output(i);
                var map = LayoutTwins.Garbage(output.Channels, output.Height, output.Width, ChannelLayout.Planar);
                chain.Download(i, map);
                Assert.Equal(0f, FeatureMap.MaxAbsDifference(fromBlocked[i], map));
            }
        });
    }

    [Fact]
    public void AThousandFramesCreateNoGlObjectsAndNoGarbage()
    {
        var random = new Random(3);
        var layers = Separable(random);
        var input = GpuAssert.RandomMap(random, 3, 16, 16);
        gpu.Gl(() =>
        {
            var objects = gpu.Backend.Device.Objects;
            // Programs stay cached in the library across chains; count everything else.
            int before = objects.Total - objects.Live("program");
            using (var chain = new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers))
            {
                var output = new FeatureMap(layers[^1].OutChannels, 4, 4); // 16 → s2 → 8 → s2 → 4
                chain.RunFrame(input);
                chain.Download(layers.Length - 1, output);
                int afterFirstFrame = objects.Total;
                // Five windows of 200 frames (a read-back every 100); the quietest must allocate nothing. A one-time
                // lazy object of the runtime lands in one window; a per-frame allocation, of any size, in all five
                // (once a TunedPass named its shape class every frame: 104 B per pass).
                long quietest = long.MaxValue;
                for (int window = 0; window < 5; window++)
                {
                    long managed = GC.GetAllocatedBytesForCurrentThread();
                    for (int frame = 0; frame < 200; frame++)
                    {
                        chain.RunFrame(input);
                        if (frame % 100 == 0) chain.Download(layers.Length - 1, output);
                    }
                    quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - managed);
                    Assert.Equal(afterFirstFrame, objects.Total); // outside the window: counting allocates
                }
                Assert.Equal(0, quietest);
                Assert.All(Enumerable.Range(0, layers.Length), i => Assert.NotNull(chain.Timing(i)));
            }
            Assert.Equal(before, objects.Total - objects.Live("program"));
        });
    }

    [Fact]
    public void UsingAChainOffTheGlThreadIsAClearErrorNotAContextlessGlCall()
    {
        var random = new Random(13);
        var layers = Separable(random);
        var input = GpuAssert.RandomMap(random, 3, 8, 8);
        var chain = gpu.Gl(() => new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers));
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => chain.RunFrame(input));
            Assert.Contains("off the GL thread", error.Message);
            Assert.Throws<InvalidOperationException>(chain.Dispose);
        }
        finally
        {
            gpu.Gl(chain.Dispose);
        }
    }

    [Fact]
    public void TimedPassNamesItsGlClock()
    {
        var random = new Random(5);
        var layer = ShaderReferenceTests.MakeLayer(random, "depthwise", 8, 1, 3, 1, Activation.None, false);
        var pass = (ITimedPass)gpu.Backend.Prepare(layer);
        var output = new FeatureMap(8, 12, 12);
        var timing = pass.RunTimed(GpuAssert.RandomMap(random, 8, 12, 12), output);
        Assert.Contains(timing.Clock, new[] { "gl-timestamp", "gl-fence+wall" });
        Assert.True(timing.Milliseconds >= 0, $"{timing.Milliseconds} ms");
    }
}
