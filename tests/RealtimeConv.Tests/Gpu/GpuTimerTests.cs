using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Passes;
using RealtimeConv.Gpu.Timing;
using RealtimeConv.Layers;

namespace RealtimeConv.Tests.Gpu;

/// <summary>Both GPU clocks measure a real pass, name themselves, and leave no queries or fences behind.</summary>
[Collection(GpuCollection.Name)]
public sealed class GpuTimerTests(GpuFixture gpu)
{
    public static TheoryData<string> Clocks => new() { GpuClock.FenceWall, GpuClock.Timestamp };

    [Theory]
    [MemberData(nameof(Clocks))]
    public void ClockTimesEveryFrameAndCleansUp(string clock)
    {
        var random = new Random(9);
        var layer = ShaderReferenceTests.MakeLayer(random, "depthwise", 8, 1, 3, 1, Activation.Relu, true);
        var input = GpuAssert.RandomMap(random, 8, 16, 16);
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            // llvmpipe's timestamps work on Mesa 22 but not on every driver; without them the fallback is the clock.
            if (clock == GpuClock.Timestamp && !device.TimestampsWork) clock = GpuClock.FenceWall;
            int before = device.Objects.Live("query") + device.Objects.Live("sync");
            using (var pass = new DepthwisePass(device, gpu.Backend.Shaders, layer))
            using (var source = new GpuFeatureMap(device, "in"))
            using (var destination = new GpuFeatureMap(device, "out"))
            using (var timer = new GpuTimer(device, clock))
            {
                source.EnsureShape(8, 16, 16);
                var packed = new float[source.Floats];
                Pack4.FromFeatureMap(input, packed);
                source.Buffer.Upload(packed);
                destination.EnsureShape(8, 16, 16);
                for (int frame = 0; frame < 2 * GpuTimer.RingSize + 1; frame++)
                {
                    timer.Begin();
                    pass.Encode(source, destination);
                    timer.End();
                }
                var timing = timer.ReadLast();
                Assert.Equal(clock, timing.Clock);
                Assert.True(timing.Milliseconds > 0 && double.IsFinite(timing.Milliseconds), $"{timing.Milliseconds} ms");
            }
            Assert.Equal(before, device.Objects.Live("query") + device.Objects.Live("sync"));
        });
    }
}
