using RealtimeConv.Gpu;

namespace RealtimeConv.Tests.Gpu;

/// <summary>The driver report for `rtconv info`.</summary>
[Collection(GpuCollection.Name)]
public sealed class GpuInfoTests(GpuFixture gpu)
{
    [Fact]
    public void ReportsAComputeCapableContext()
    {
        var info = gpu.Backend.Info;
        Assert.False(string.IsNullOrWhiteSpace(info.Renderer));
        // OpenGL 4.3 guarantees at least these compute limits.
        Assert.True(info.MaxWorkGroupInvocations >= 1024, info.ToString());
        Assert.True(info.MaxWorkGroupCount.X >= 65535, info.ToString());
        Assert.True(info.MaxSharedMemoryBytes >= 32768, info.ToString());
        Assert.Contains(info.Lines(), l => l.StartsWith("gl version: 4.", StringComparison.Ordinal));
    }

    [Fact]
    public void ProbeMakesAndReleasesItsOwnContext()
    {
        var probed = GpuBackend.ProbeInfo();
        Assert.Equal(gpu.Backend.Info.Renderer, probed.Renderer);
    }
}
