using RealtimeConv.Tensors;
using RealtimeConv.Tests.Gpu;
using RealtimeConv.Viewer.Display;

namespace RealtimeConv.Tests.Display;

/// <summary>difference.comp against CPU subtraction and FeatureMap.MaxAbsDifference.</summary>
[Collection(GpuCollection.Name)]
public sealed class DifferencePassTests(GpuFixture gpu)
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 7, 5)]
    [InlineData(6, 17, 23)]
    [InlineData(8, 16, 16)]
    [InlineData(13, 64, 70)]
    public void DifferenceAndMaxMatchTheCpu(int channels, int height, int width)
    {
        var random = new Random(HashCode.Combine(channels, height, width));
        var a = GpuAssert.RandomMap(random, channels, height, width);
        var b = GpuAssert.RandomMap(random, channels, height, width);
        var (difference, max, selfMax) = gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var pass = new DifferencePass(device, DisplayTestKit.ShaderDirectory);
            using var ga = DisplayTestKit.Upload(device, a);
            using var gb = DisplayTestKit.Upload(device, b);
            using var gd = new RealtimeConv.Gpu.Buffers.GpuFeatureMap(device, "difference");
            pass.Run(ga, gb, gd);
            return (DisplayTestKit.Download(gd), pass.MaxAbsDifference(ga, gb), pass.MaxAbsDifference(ga, ga));
        });
        var planar = new float[channels * height * width];
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    planar[(c * height + y) * width + x] = a[c, y, x] - b[c, y, x];
        // float32 subtraction is exact to the same rounding on both sides.
        GpuAssert.Close(FeatureMap.FromPlanar(planar, channels, height, width), difference, "a − b");
        Assert.Equal(FeatureMap.MaxAbsDifference(a, b), max);
        Assert.Equal(0f, selfMax);
    }

    [Fact]
    public void PaddingChannelsDoNotCountButNaNDoes()
    {
        // 5 channels: the last slice has 3 padding lanes. Garbage there must not reach the maximum.
        var a = GpuAssert.RandomMap(new Random(1), 5, 4, 4);
        var b = GpuAssert.RandomMap(new Random(2), 5, 4, 4);
        var (paddedMax, nanMax) = gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var pass = new DifferencePass(device, DisplayTestKit.ShaderDirectory);
            using var ga = DisplayTestKit.Upload(device, a);
            using var gb = DisplayTestKit.Upload(device, b);
            var staging = new float[ga.Floats];
            ga.Buffer.Download(staging);
            int lastSlice = 16 * 4;
            for (int p = 0; p < 16; p++) staging[lastSlice + p * 4 + 2] = 1e6f;
            ga.Buffer.Upload(staging);
            float padded = pass.MaxAbsDifference(ga, gb);
            staging[5] = float.NaN;
            ga.Buffer.Upload(staging);
            return (padded, pass.MaxAbsDifference(ga, gb));
        });
        Assert.Equal(FeatureMap.MaxAbsDifference(a, b), paddedMax);
        a[1, 0, 1] = float.NaN;
        Assert.True(float.IsNaN(FeatureMap.MaxAbsDifference(a, b)), "the CPU mirror propagates NaN");
        Assert.True(float.IsNaN(nanMax), $"GPU max with a NaN is {nanMax}");
    }

    [Fact]
    public void DifferentShapesAreRefusedAndDisposeLeaksNothing()
    {
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            int before = device.Objects.Total;
            using (var pass = new DifferencePass(device, DisplayTestKit.ShaderDirectory))
            using (var ga = DisplayTestKit.Upload(device, GpuAssert.RandomMap(new Random(1), 4, 3, 3)))
            using (var gb = DisplayTestKit.Upload(device, GpuAssert.RandomMap(new Random(1), 4, 3, 2)))
            {
                var e = Assert.Throws<ArgumentException>(() => pass.MaxAbsDifference(ga, gb));
                Assert.Contains("4×3×3 vs 4×3×2", e.Message);
            }
            Assert.Equal(before, device.Objects.Total);
        });
    }
}
