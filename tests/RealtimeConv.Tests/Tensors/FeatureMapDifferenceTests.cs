using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Tensors;

public sealed class FeatureMapDifferenceTests
{
    [Theory]
    [InlineData(1, 3, 5)]
    [InlineData(3, 7, 9)]
    [InlineData(9, 4, 4)]
    [InlineData(17, 5, 3)]
    public void The_largest_difference_is_found_in_every_channel_and_pixel(int channels, int height, int width)
    {
        var a = new FeatureMap(channels, height, width);
        var b = new FeatureMap(channels, height, width);
        var random = new Random(channels * 100 + height);
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    a[c, y, x] = (float)random.NextDouble();
                    b[c, y, x] = a[c, y, x] + (float)(random.NextDouble() - 0.5) * 1e-3f;
                }
        // The largest gap, planted in the last real channel and last pixel, where a blocked loop would stop short.
        b[channels - 1, height - 1, width - 1] = a[channels - 1, height - 1, width - 1] - 0.25f;
        Assert.Equal(0.25f, FeatureMap.MaxAbsDifference(a, b), 1e-6f);
        Assert.Equal(0f, FeatureMap.MaxAbsDifference(a, a));
    }

    [Fact]
    public void A_nan_on_either_side_makes_the_difference_nan()
    {
        var a = new FeatureMap(5, 2, 2);
        var b = new FeatureMap(5, 2, 2);
        b[4, 1, 0] = float.NaN;
        Assert.True(float.IsNaN(FeatureMap.MaxAbsDifference(a, b)));
        Assert.True(float.IsNaN(FeatureMap.MaxAbsDifference(b, a)));
    }

    [Fact]
    public void Different_shapes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => FeatureMap.MaxAbsDifference(new FeatureMap(3, 2, 2), new FeatureMap(3, 2, 3)));
    }
}
