using RealtimeConv.Kernels.Fast;

namespace RealtimeConv.Tests.Kernels.Fast;

/// <summary>The streamed copy of finished rows: every float lands, whatever the destination's line offset.</summary>
public sealed unsafe class LineStreamerTests
{
    [Theory]
    [InlineData(0, 8)]      // one vector: half a line, stored normally
    [InlineData(0, 16)]     // exactly one line
    [InlineData(0, 40)]     // two lines and a half
    [InlineData(8, 8)]      // starts mid-line and ends there
    [InlineData(8, 48)]     // a half-line head, two lines, a half-line tail
    [InlineData(8, 1920 * 8)]
    public void CopiesEveryFloatAndNothingElse(int destinationOffset, int floats)
    {
        Check<PortableMath>(destinationOffset, floats);
        if (FmaMath.IsSupported) Check<FmaMath>(destinationOffset, floats); // the non-temporal stores
    }

    private static void Check<T>(int destinationOffset, int floats) where T : struct, IVectorMath
    {
        var source = new AlignedBuffer(floats);
        var target = new AlignedBuffer(floats + 32);
        for (int i = 0; i < floats; i++) source.Span[i] = i + 0.5f;
        target.Span.Fill(-1f);

        LineStreamer.Copy<T>(source.Pointer, target.Pointer + destinationOffset, floats);
        T.StreamingFence();

        var written = target.Span;
        for (int i = 0; i < destinationOffset; i++) Assert.Equal(-1f, written[i]);
        Assert.True(source.Span.SequenceEqual(written.Slice(destinationOffset, floats)));
        for (int i = destinationOffset + floats; i < written.Length; i++) Assert.Equal(-1f, written[i]);
    }
}
