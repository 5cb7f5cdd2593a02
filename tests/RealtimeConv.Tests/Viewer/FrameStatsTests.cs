using RealtimeConv.Viewer.Compute;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Viewer.Loop;

namespace RealtimeConv.Tests.Viewer;

public sealed class FrameStatsTests
{
    [Fact]
    public void Medians_are_kept_per_mode_and_backend()
    {
        var stats = new FrameStats();
        foreach (double ms in new[] { 30.0, 10, 20 }) stats.AddFrame(ViewMode.SideBySide, ComputeBackendKind.Cpu, ms, ms / 2);
        foreach (double ms in new[] { 5.0, 7 }) stats.AddFrame(ViewMode.Standard, ComputeBackendKind.Gpu, ms, 1);
        Assert.Equal(20, stats.MedianFrameMilliseconds(ViewMode.SideBySide, ComputeBackendKind.Cpu));
        Assert.Equal(10, stats.MedianComputeMilliseconds(ViewMode.SideBySide, ComputeBackendKind.Cpu));
        Assert.Equal(6, stats.MedianFrameMilliseconds(ViewMode.Standard, ComputeBackendKind.Gpu));
        Assert.True(double.IsNaN(stats.MedianFrameMilliseconds(ViewMode.Separable, ComputeBackendKind.Cpu)));
    }

    [Fact]
    public void The_report_has_one_line_per_combination_that_ran_and_one_for_image_changes()
    {
        var stats = new FrameStats();
        stats.AddFrame(ViewMode.SideBySide, ComputeBackendKind.Cpu, 50, 10);
        stats.AddImageChange(1);
        stats.AddImageChange(2);
        stats.AddImageChange(1);
        var report = stats.Report().ToList();
        Assert.Equal(2, report.Count);
        Assert.Equal("stats mode=side-by-side backend=cpu frames=1 median_frame_ms=50.00 fps=20.0 median_compute_ms=10.00 median_allocated_bytes=0 clock=wall", report[0]);
        Assert.Equal("stats image_changes=3 frames_to_show_median=1 frames_to_show_max=2", report[1]);
    }

    [Fact]
    public void Recording_a_frame_allocates_nothing()
    {
        var stats = new FrameStats();
        stats.AddFrame(ViewMode.SideBySide, ComputeBackendKind.Cpu, 1, 1);
        int i = 0;
        Assert.Equal(0, AllocationWindows.Quietest(10_000, () => { stats.AddFrame(ViewMode.SideBySide, ComputeBackendKind.Cpu, i, i); i++; }));
        Assert.Equal(1 + 5 * 10_000, stats.Count(ViewMode.SideBySide, ComputeBackendKind.Cpu));
    }
}
