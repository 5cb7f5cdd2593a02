using System.Runtime.Intrinsics;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Layers;

namespace RealtimeConv.Tests.Kernels.Fast;

/// <summary>The activation clamps: the one-instruction kind gives the two-instruction clamp's bits wherever it is used.</summary>
public sealed class OutputClampTests
{
    private static readonly float[] Values =
    [
        float.NaN, float.NegativeInfinity, float.PositiveInfinity, -0f, 0f, float.Epsilon, -float.Epsilon,
        float.MaxValue, float.MinValue, -1.5f, 0.25f, 5.999f, 6f, 6.001f, 1e30f,
    ];

    [Theory]
    [InlineData(Activation.None, true)]
    [InlineData(Activation.Relu, true)]
    [InlineData(Activation.Relu6, false)]
    public void OnlyClampsWithoutAnUpperBoundSkipTheMin(Activation activation, bool noUpperBound) =>
        Assert.Equal(noUpperBound, OutputClamp.For(activation).HasNoUpperBound);

    [Theory]
    [InlineData(Activation.None)]
    [InlineData(Activation.Relu)]
    public void TheLowerBoundAloneGivesTheSameBitsAsBothBounds(Activation activation)
    {
        var clamp = OutputClamp.For(activation);
        for (int i = 0; i < Values.Length; i += Vector256<float>.Count)
        {
            var lanes = new float[Vector256<float>.Count];
            for (int j = 0; j < lanes.Length; j++) lanes[j] = Values[(i + j) % Values.Length];
            var value = Vector256.Create(lanes);
            var both = BothBounds.Apply(clamp, value).AsInt32();
            var lowOnly = NoUpperBound.Apply(clamp, value).AsInt32();
            Assert.Equal(both, lowOnly);
        }
    }

    [Fact]
    public void BothBoundsClampReluSixFromAbove()
    {
        var clamp = OutputClamp.For(Activation.Relu6);
        Assert.Equal(Vector256.Create(6f), BothBounds.Apply(clamp, Vector256.Create(7f)));
        Assert.Equal(Vector256.Create(0f), BothBounds.Apply(clamp, Vector256.Create(-7f)));
        // The lower bound alone would leave 7: ReLU6 must never take that kind.
        Assert.Equal(Vector256.Create(7f), NoUpperBound.Apply(clamp, Vector256.Create(7f)));
    }
}
