using RealtimeConv.Kernels.Fast;

namespace RealtimeConv.Tests.Kernels.Fast;

/// <summary>The last-level cache size behind the non-temporal store threshold.</summary>
public sealed class CacheSizesTests
{
    [Theory]
    [InlineData("32768K", 32L << 20)]
    [InlineData("8M", 8L << 20)]
    [InlineData("1G", 1L << 30)]
    [InlineData("512", 512L)]
    public void SysfsSizesParse(string text, long bytes) => Assert.Equal(bytes, CacheSizes.ParseSize(text));

    [Theory]
    [InlineData("")]
    [InlineData("K")]
    [InlineData("-5K")]
    [InlineData("0K")]
    [InlineData("lots")]
    public void NonsenseIsNoSize(string text) => Assert.Null(CacheSizes.ParseSize(text));

    [Fact]
    public void TheLastLevelCacheIsReadOrTheFallback()
    {
        long bytes = CacheSizes.LastLevelBytes();
        // Real last-level caches lie between 1 MiB and 1 GiB; without sysfs the named fallback is used.
        Assert.InRange(bytes, 1L << 20, 1L << 30);
        if (!Directory.Exists("/sys/devices/system/cpu/cpu0/cache")) Assert.Equal(CacheSizes.FallbackLastLevelBytes, bytes);
    }
}
