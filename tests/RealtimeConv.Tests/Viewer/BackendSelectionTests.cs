using RealtimeConv.Viewer.Compute;

namespace RealtimeConv.Tests.Viewer;

public sealed class BackendSelectionTests
{
    [Theory]
    [InlineData("llvmpipe (LLVM 15.0.6, 256 bits)")]
    [InlineData("softpipe")]
    [InlineData("Mesa X11 swrast")]
    public void Auto_computes_on_the_cpu_on_a_software_renderer_and_says_why(string renderer)
    {
        var (kind, reason) = BackendSelection.Resolve(BackendChoice.Auto, renderer);
        Assert.Equal(ComputeBackendKind.Cpu, kind);
        Assert.Contains("software renderer", reason);
    }

    [Theory]
    [InlineData("NVIDIA H100 80GB HBM3/PCIe/SSE2")]
    [InlineData("AMD Radeon RX 7900 XTX (radeonsi, navi31, LLVM 15.0.6, DRM 3.54)")]
    public void Auto_computes_on_the_gpu_on_a_hardware_driver(string renderer)
    {
        Assert.Equal(ComputeBackendKind.Gpu, BackendSelection.Resolve(BackendChoice.Auto, renderer).Kind);
    }

    [Fact]
    public void An_explicit_choice_wins_over_the_renderer()
    {
        Assert.Equal(ComputeBackendKind.Gpu, BackendSelection.Resolve(BackendChoice.Gpu, "llvmpipe").Kind);
        Assert.Equal(ComputeBackendKind.Cpu, BackendSelection.Resolve(BackendChoice.Cpu, "NVIDIA H100").Kind);
    }
}
