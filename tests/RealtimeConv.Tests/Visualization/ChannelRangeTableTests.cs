using RealtimeConv.Tensors;
using RealtimeConv.Tests.Imaging;
using RealtimeConv.Visualization;

namespace RealtimeConv.Tests.Visualization;

/// <summary>The vectorised range table against the one-channel <see cref="ChannelRange.Measure"/>, in both layouts.</summary>
public sealed class ChannelRangeTableTests
{
    /// <summary>
    /// Values of mixed sign with NaN, ±∞ and −0 sprinkled in; channel 1 is NaN only (no finite value) when
    /// there are at least two channels. Planes of 15 and 16 pixels: with and without a partial last vector.
    /// </summary>
    private static FeatureMap SpecialValues(int channels, int height, int width, int seed)
    {
        var random = new Random(seed);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f];
        var values = new float[channels * height * width];
        for (int i = 0; i < values.Length; i++)
            values[i] = random.Next(6) == 0 ? specials[random.Next(specials.Length)] : (float)(random.NextDouble() * 6 - 2);
        if (channels > 1) values.AsSpan(height * width, height * width).Fill(float.NaN);
        return FeatureMap.FromPlanar(values, channels, height, width);
    }

    [Theory]
    [InlineData(1, 3, 5)]
    [InlineData(3, 4, 4)]
    [InlineData(3, 1, 1)]
    [InlineData(5, 3, 5)]
    [InlineData(13, 7, 9)]
    public void EveryChannelAndTheMergeMatchMeasureInEitherLayout(int channels, int height, int width)
    {
        var blocked = SpecialValues(channels, height, width, channels * 100 + width);
        var expected = new float[ChannelRangeTable.Floats(channels)];
        var merged = ChannelRange.Empty;
        for (int c = 0; c < channels; c++)
        {
            var range = ChannelRange.Measure(blocked, c);
            Assert.Equal(range, ChannelRange.Measure(blocked.InLayout(ChannelLayout.Planar), c));
            expected[c * 4] = range.Min;
            expected[c * 4 + 1] = range.Max;
            expected[c * 4 + 2] = range.HasNegative ? 1 : 0;
            expected[c * 4 + 3] = range.HasFinite ? 1 : 0;
            merged = merged.Merge(range);
        }
        expected[channels * 4] = merged.Min;
        expected[channels * 4 + 1] = merged.Max;
        expected[channels * 4 + 2] = merged.HasNegative ? 1 : 0;
        expected[channels * 4 + 3] = merged.HasFinite ? 1 : 0;

        foreach (var layout in new[] { ChannelLayout.Blocked, ChannelLayout.Planar })
        {
            var packed = new float[expected.Length];
            ChannelRangeTable.Measure(blocked.InLayout(layout), packed);
            // min and max pick values, they do not compute them: equal, not close.
            Assert.Equal(expected, packed);
        }
    }
}
