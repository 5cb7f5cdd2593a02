using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Tests.Gpu;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Viewer.Hud;
using RealtimeConv.Visualization;

namespace RealtimeConv.Tests.Display;

/// <summary>A steady frame of the display (tiles, difference, graph) allocates nothing once warmed up.</summary>
[Collection(GpuCollection.Name)]
public sealed class DisplayAllocationTests(GpuFixture gpu)
{
    [Fact]
    public void SteadyFramesAllocateNothing()
    {
        long allocated = gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            var layout = ViewLayout.Compute(320, 200, ViewMode.SideBySide, 64, 48, 6, 20, 20);
            using var a = DisplayTestKit.Upload(device, GpuAssert.RandomMap(new Random(1), 6, 20, 20));
            using var b = DisplayTestKit.Upload(device, GpuAssert.RandomMap(new Random(2), 6, 20, 20));
            using var difference = new GpuFeatureMap(device, "difference");
            using var tiles = new ChannelTileRenderer(device, DisplayTestKit.ShaderDirectory);
            using var pass = new DifferencePass(device, DisplayTestKit.ShaderDirectory);
            using var graph = new FrameTimeGraph(device, DisplayTestKit.ShaderDirectory, 2, 16);
            using var target = new OffscreenFramebuffer(device, 320, 200);
            var colours = new[] { Rgba.White, new Rgba(1, 0, 0, 1) };
            float sink = 0;
            void Frame(int i)
            {
                target.Bind();
                tiles.Draw(a, layout.StandardTiles, ChannelNormalization.PerChannel, 320, 200);
                pass.Run(a, b, difference);
                tiles.Draw(difference, layout.SeparableTiles, ChannelNormalization.Global, 320, 200);
                sink += pass.MaxAbsDifference(a, b);
                graph.Add(0, i);
                graph.Add(1, 2 * i);
                graph.Draw(layout.Graph, colours, 320, 200);
            }
            for (int i = 0; i < 3; i++) Frame(i);
            int frame = 0;
            long bytes = AllocationWindows.Quietest(20, () => Frame(frame++));
            Assert.True(sink > 0);
            return bytes;
        });
        Assert.Equal(0, allocated);
    }
}
