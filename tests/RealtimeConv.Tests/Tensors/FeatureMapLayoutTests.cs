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

    [Theory]
    [InlineData(32, 256, 256)] // 8 MiB and a little: the bench's middle layers
    [InlineData(3, 1080, 1920)] // a planar Full-HD image, 24 MiB
    public unsafe void ALargeMapStartsOnAHugePageSoAllItsWholePagesCanBeHuge(int channels, int height, int width)
    {
        for (int i = 0; i < 3; i++)
        {
            var map = new FeatureMap(channels, height, width, FeatureMap.PreferredLayout(channels));
            Assert.True((long)map.Length * sizeof(float) >= HugePages.MinimumBytes);
            if (OperatingSystem.IsLinux()) Assert.Equal(0L, (long)map.Pointer % HugePages.PageBytes);
            else Assert.Equal(0L, (long)map.Pointer % 64);
            // The slack before the map is not part of it: the map still reads and writes its own floats only.
            map[channels - 1, height - 1, width - 1] = 7f;
            Assert.Equal(7f, map.Span[map.IndexOf(channels - 1, height - 1, width - 1)]);
            Assert.Equal(map.Length, map.Span.Length);
        }
    }

    [Fact]
    public unsafe void HugePageAdviceCoversOnlyWholePagesInsideTheRange()
    {
        // Less than one whole 2 MiB page inside the range: there is nothing to advise, so nothing is asked.
        var small = new FeatureMap(8, 64, 64);
        Assert.False(HugePages.Advise(small.Pointer, (long)small.Length * sizeof(float)));
        Assert.False(HugePages.Worthwhile(HugePages.MinimumBytes - 1));
        if (!OperatingSystem.IsLinux()) return;
        // A whole page of the GC's own memory: the kernel takes the hint (THP is built into Debian's kernels).
        var large = new FeatureMap(8, 1024, 1024);
        Assert.True(HugePages.Worthwhile((long)large.Length * sizeof(float)));
        Assert.True(HugePages.Advise(large.Pointer, HugePages.PageBytes));
    }
}
