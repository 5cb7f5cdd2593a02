using RealtimeConv.App.Charts;

namespace RealtimeConv.Tests.Charts;

/// <summary>When charts switch to a log axis and which decades it covers.</summary>
public sealed class LogAxisTests
{
    [Fact]
    public void SpreadAboveTwentyTimesGoesLogarithmic()
    {
        Assert.False(LogAxis.Suits([1.0, 20.0]));
        Assert.True(LogAxis.Suits([1.0, 20.5]));
        Assert.False(LogAxis.Suits([0.0, double.NaN])); // nothing positive: stay linear
    }

    [Fact]
    public void AxisCoversWholeDecades()
    {
        var axis = LogAxis.Covering([0.35, 12.0, 4200.0]);
        Assert.Equal((-1.0, 4.0), (axis.LowDecade, axis.HighDecade));
        var ratios = LogAxis.Covering([2.5, 7.0], includeOne: true);
        Assert.Equal((0.0, 1.0), (ratios.LowDecade, ratios.HighDecade));
    }
}
