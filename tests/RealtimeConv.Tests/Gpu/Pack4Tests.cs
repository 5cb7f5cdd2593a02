using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Gpu;

/// <summary>The CPU ↔ GPU layout conversion (no GL needed).</summary>
public sealed class Pack4Tests
{
    [Theory]
    [InlineData(1, 3, 2)]
    [InlineData(4, 1, 1)]
    [InlineData(5, 2, 3)]
    [InlineData(13, 3, 4)]
    [InlineData(16, 2, 2)]
    public void RoundTripKeepsValuesAndZeroesPadding(int channels, int height, int width)
    {
        var map = GpuAssert.RandomMap(new Random(channels), channels, height, width);
        var packed = new float[Pack4.Floats(channels, height, width)];
        Pack4.FromFeatureMap(map, packed);
        // Channel c of pixel (y, x) is component c % 4 of vec4 (c / 4)·H·W + y·W + x.
        for (int c = 0; c < channels; c++)
            Assert.Equal(map[c, height - 1, width - 1], packed[((c / 4) * height * width + height * width - 1) * 4 + c % 4]);

        var back = new FeatureMap(channels, height, width);
        back.Span.Fill(float.NaN);
        Pack4.ToFeatureMap(packed, back);
        Assert.Equal(map.ToPlanar(), back.ToPlanar());
        for (int c = channels; c < back.Blocks * 8; c++)
            Assert.Equal(0f, back.Span[(c >> 3) * back.BlockStride + (c & 7)]);
    }

    [Theory]
    [InlineData(1, 3, 2)]
    [InlineData(3, 5, 7)]
    [InlineData(4, 1, 1)]
    [InlineData(5, 2, 3)]
    [InlineData(13, 3, 4)]
    public void PlanarMapPacksAndUnpacksExactlyAsItsBlockedTwin(int channels, int height, int width)
    {
        var blocked = GpuAssert.RandomMap(new Random(channels + 100), channels, height, width);
        var planar = blocked.InLayout(ChannelLayout.Planar);
        var fromBlocked = new float[Pack4.Floats(channels, height, width)];
        var fromPlanar = new float[fromBlocked.Length];
        Array.Fill(fromPlanar, float.NaN); // the padding components must be written as zeros, not left
        Pack4.FromFeatureMap(blocked, fromBlocked);
        Pack4.FromFeatureMap(planar, fromPlanar);
        Assert.Equal(fromBlocked, fromPlanar);

        var back = LayoutTwins.Garbage(channels, height, width, ChannelLayout.Planar);
        Pack4.ToFeatureMap(fromBlocked, back);
        Assert.Equal(0f, FeatureMap.MaxAbsDifference(blocked, back));
    }
}
