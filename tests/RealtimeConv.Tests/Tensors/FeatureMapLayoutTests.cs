using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Tensors;

/// <summary>Where a map's storage lies: the alignment the streaming kernels rely on.</summary>
public sealed class FeatureMapLayoutTests
{
    [Theory]
    [InlineData(3, 1, 1)]
    [InlineData(16, 37, 43)]
    [InlineData(64, 128, 128)]
    public unsafe void EveryBlockOfAMapStartsOnACacheLine(int channels, int height, int width)
    {
        // Streamed rows are written in whole 64-byte lines only if blocks (and even-width rows) start on one.
        for (int i = 0; i < 8; i++) // several allocations: the alignment must not be luck
        {
            var map = new FeatureMap(channels, height, width);
            Assert.Equal(0u, (nuint)map.Pointer % 64);
            Assert.Equal(0, map.BlockStride % 16);
        }
    }
}
