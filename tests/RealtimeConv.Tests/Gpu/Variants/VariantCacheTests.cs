using RealtimeConv.Gpu.Variants;

namespace RealtimeConv.Tests.Gpu.Variants;

/// <summary>The remembered variant choices: round trip, atomic rewrite, and a bad file costing a warning, never a failure.</summary>
public sealed class VariantCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rtconv-cache-" + Guid.NewGuid().ToString("N"));

    private string CachePath => Path.Combine(_folder, "rtconv", VariantCache.FileName);

    [Fact]
    public void EntriesSurviveARoundTrip()
    {
        var warnings = new StringWriter();
        var cache = new VariantCache(CachePath, warnings);
        cache.Set("llvmpipe | 4.5 | pointwise | k1 s1 c32>32 p2^16", "4x2");
        cache.Set("llvmpipe | 4.5 | depthwise | k3 s1 c32>32 p2^16", "8x1");

        var again = new VariantCache(CachePath, warnings);
        Assert.Equal("4x2", again.Get("llvmpipe | 4.5 | pointwise | k1 s1 c32>32 p2^16"));
        Assert.Equal("8x1", again.Get("llvmpipe | 4.5 | depthwise | k3 s1 c32>32 p2^16"));
        Assert.Null(again.Get("llvmpipe | 4.5 | standard | k3 s1 c32>32 p2^16"));
        Assert.Equal("", warnings.ToString());
    }

    [Theory]
    [InlineData("{ \"version\": 1, \"entries\": { \"a\": \"4x4\" ")]
    [InlineData("not json at all")]
    [InlineData("{ \"version\": 99, \"entries\": {} }")]
    [InlineData("{ \"version\": 1, \"entries\": { \"a\": 7 } }")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    public void ACorruptFileIsIgnoredWithOneWarningLineAndThenReplaced(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        File.WriteAllText(CachePath, content);
        var warnings = new StringWriter();

        var cache = new VariantCache(CachePath, warnings);
        Assert.Empty(cache.Entries);
        var lines = warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(CachePath, lines[0]);
        Assert.Contains("warning", lines[0]);

        cache.Set("key", "4x2");
        Assert.Equal("4x2", new VariantCache(CachePath, TextWriter.Null).Get("key"));
    }

    [Fact]
    public void ARewriteReplacesTheFileByRenameNotInPlace()
    {
        var cache = new VariantCache(CachePath, TextWriter.Null);
        cache.Set("first", "4x4");
        string before = File.ReadAllText(CachePath);
        // A reader holding the old file open keeps seeing the whole old file: the new one was written
        // elsewhere and renamed over it. Writing in place would truncate what the reader sees.
        using var reader = new FileStream(CachePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        cache.Set("second", "4x2");
        using (var old = new StreamReader(reader)) Assert.Equal(before, old.ReadToEnd());
        Assert.Contains("second", File.ReadAllText(CachePath));
        Assert.Equal([VariantCache.FileName], Directory.GetFiles(Path.GetDirectoryName(CachePath)!).Select(Path.GetFileName));
    }

    [Fact]
    public void AnUnwritableCacheIsAWarningNotAFailure()
    {
        Directory.CreateDirectory(_folder);
        string blocker = Path.Combine(_folder, "a-file");
        File.WriteAllText(blocker, "");
        var warnings = new StringWriter();
        var cache = new VariantCache(Path.Combine(blocker, "rtconv", VariantCache.FileName), warnings);
        cache.Set("key", "4x4");
        Assert.Equal("4x4", cache.Get("key"));
        Assert.Single(warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void DefaultPathFollowsXdgCacheHomeAndFallsBackToDotCache()
    {
        Assert.Equal(Path.Combine("/x/cache", "rtconv", VariantCache.FileName), VariantCache.DefaultPath(name => name == "XDG_CACHE_HOME" ? "/x/cache" : null));
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".cache", "rtconv", VariantCache.FileName), VariantCache.DefaultPath(_ => null));
        Assert.Equal(Path.Combine(home, ".cache", "rtconv", VariantCache.FileName), VariantCache.DefaultPath(_ => "relative/dir"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
