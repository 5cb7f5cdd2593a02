using RealtimeConv.Gpu.Context;

namespace RealtimeConv.Tests.Gpu;

/// <summary>The GL thread hands back results and failures, context creation included (no GL needed).</summary>
public sealed class GlThreadTests
{
    [Fact]
    public void ContextFailureReachesTheCallerWithItsReason()
    {
        var error = Assert.Throws<GpuUnavailableException>(() => GlThread.Start(() => throw new GpuUnavailableException("no EGL display")));
        Assert.Equal("no EGL display", error.Reason);
        Assert.Contains("CPU backends", error.Message);
    }
}
