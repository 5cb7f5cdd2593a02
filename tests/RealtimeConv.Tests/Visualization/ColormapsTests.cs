using System.Numerics;
using RealtimeConv.Visualization;

namespace RealtimeConv.Tests.Visualization;

/// <summary>The pure functions the GLSL shader mirrors.</summary>
public sealed class ColormapsTests
{
    private const float Tolerance = 1e-6f;

    [Fact]
    public void DivergingIsWhiteAtZeroAndSymmetric()
    {
        Assert.Equal(Vector3.One, Colormaps.Diverging(0f));
        foreach (float s in new[] { 0.1f, 0.5f, 1f })
        {
            var positive = Colormaps.Diverging(s);
            var negative = Colormaps.Diverging(-s);
            // Opposite hues: red dominates one side, blue the other.
            Assert.True(positive.X > positive.Z, $"+{s} is not red");
            Assert.True(negative.Z > negative.X, $"-{s} is not blue");
            // Equally far from white, along the segment towards each end colour.
            Assert.Equal(Vector3.Distance(Vector3.One, Colormaps.DivergingPositive) * s, Vector3.Distance(Vector3.One, positive), Tolerance);
            Assert.Equal(Vector3.Distance(Vector3.One, Colormaps.DivergingNegative) * s, Vector3.Distance(Vector3.One, negative), Tolerance);
        }
        Assert.Equal(Colormaps.DivergingPositive, Colormaps.Diverging(7f));
        Assert.Equal(Colormaps.DivergingNegative, Colormaps.Diverging(-7f));
    }

    [Fact]
    public void DivergingPositionIsValueOverMaxAbs()
    {
        Assert.Equal(0.5f, Colormaps.DivergingS(2f, 4f));
        Assert.Equal(-0.5f, Colormaps.DivergingS(-2f, 4f));
        Assert.Equal(0f, Colormaps.DivergingS(0f, 4f));
        Assert.Equal(0f, Colormaps.DivergingS(3f, 0f)); // no scale: neutral, not a division by zero
        Assert.Equal(-1f, Colormaps.DivergingS(float.NegativeInfinity, 4f));
    }

    [Fact]
    public void SequentialPositionIsMinMaxAndConstantIsMid()
    {
        Assert.Equal(0f, Colormaps.SequentialT(-1f, -1f, 3f));
        Assert.Equal(0.25f, Colormaps.SequentialT(0f, -1f, 3f));
        Assert.Equal(1f, Colormaps.SequentialT(3f, -1f, 3f));
        Assert.Equal(0.5f, Colormaps.SequentialT(5f, 5f, 5f));
        Assert.Equal(1f, Colormaps.SequentialT(float.PositiveInfinity, 0f, 1f));
    }

    [Fact]
    public void ViridisRunsFromPurpleToYellowGettingLighter()
    {
        Assert.Equal(new Vector3(0x44, 0x01, 0x54) / 255f, Colormaps.Viridis(0f));
        Assert.Equal(new Vector3(0xfd, 0xe7, 0x25) / 255f, Colormaps.Viridis(1f));
        Assert.Equal(new Vector3(0x21, 0x91, 0x8c) / 255f, Colormaps.Viridis(0.5f));
        // Luma rises monotonically: a sequential map reads dark to light.
        float previous = -1f;
        for (int i = 0; i <= 64; i++)
        {
            var c = Colormaps.Viridis(i / 64f);
            float luma = 0.299f * c.X + 0.587f * c.Y + 0.114f * c.Z;
            Assert.True(luma > previous, $"viridis luma falls at t = {i / 64f}");
            previous = luma;
        }
    }

    [Fact]
    public void ToByteRoundsAndClamps()
    {
        Assert.Equal(128, Colormaps.ToByte(0.5f));
        Assert.Equal(0, Colormaps.ToByte(-3f));
        Assert.Equal(255, Colormaps.ToByte(2f));
    }
}
