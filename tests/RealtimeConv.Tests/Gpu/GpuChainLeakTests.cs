using RealtimeConv.Gpu;
using RealtimeConv.Pipelines;

namespace RealtimeConv.Tests.Gpu;

/// <summary>Several layers resident on the GPU, each output read back and compared; no leaks over many frames.</summary>
/// <summary>
/// Retention over 1,000 frames, measured with full collections of the whole process heap: it runs in a
/// collection of its own that xunit starts only after every parallel one has finished, or other tests'
/// allocations would count as this chain's.
/// </summary>
[Collection(GpuAloneCollection.Name)]
public sealed class GpuChainLeakTests(GpuFixture gpu)
{
    /// <summary>What a full collection may find retained after 1,000 frames: caches settling, not a leak.</summary>
    private const long RetainedGrowthBytes = 256 << 10;

    [Fact]
    public void AThousandFramesOfThePresetInBothModesLeakNeitherGlObjectsNorMemory()
    {
        var pipeline = PipelineSource.Load("edges");
        var input = GpuAssert.RandomMap(new Random(11), pipeline.InputChannels, 16, 16);
        var modes = new[] { ConvMode.Standard, ConvMode.Separable };
        gpu.Gl(() =>
        {
            var objects = gpu.Backend.Device.Objects;
            int before = objects.Total - objects.Live("program");
            var chains = modes.Select(mode => new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, pipeline.Resolve(mode).Layers)).ToArray();
            try
            {
                foreach (var chain in chains) chain.RunFrame(input); // first frame: buffers and programs made
                int afterFirstFrame = objects.Total;
                long retained = GC.GetTotalMemory(forceFullCollection: true);
                for (int frame = 0; frame < 1000; frame++)
                    foreach (var chain in chains) chain.RunFrame(input);
                Assert.Equal(afterFirstFrame, objects.Total);
                long growth = GC.GetTotalMemory(forceFullCollection: true) - retained;
                Assert.True(growth < RetainedGrowthBytes, $"1000 frames of edges in both modes retained {growth} more bytes");
            }
            finally
            {
                foreach (var chain in chains) chain.Dispose();
            }
            Assert.Equal(before, objects.Total - objects.Live("program"));
        });
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GpuAloneCollection : ICollectionFixture<GpuFixture>
{
    public const string Name = "gpu, alone";
}
