using System.Globalization;

namespace RealtimeConv.Kernels.Fast;

/// <summary>The last-level cache size, read once from Linux's sysfs, with a named fallback elsewhere.</summary>
public static class CacheSizes
{
    /// <summary>Assumed where sysfs does not say: the 32 MiB L3 of the Zen 3 machine the kernels were tuned on.</summary>
    public const long FallbackLastLevelBytes = 32L << 20;

    private const string CacheDirectory = "/sys/devices/system/cpu/cpu0/cache";

    /// <summary>
    /// Size of the highest-level cache of CPU 0 ("32768K" in <c>index*/size</c> with the largest <c>level</c>),
    /// or <see cref="FallbackLastLevelBytes"/> when it cannot be read.
    /// </summary>
    public static long LastLevelBytes()
    {
        try
        {
            if (!Directory.Exists(CacheDirectory)) return FallbackLastLevelBytes;
            int bestLevel = 0;
            long bestBytes = 0;
            foreach (var index in Directory.EnumerateDirectories(CacheDirectory, "index*"))
            {
                string levelFile = Path.Combine(index, "level"), sizeFile = Path.Combine(index, "size");
                if (!File.Exists(levelFile) || !File.Exists(sizeFile)) continue;
                if (!int.TryParse(File.ReadAllText(levelFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int level)) continue;
                if (ParseSize(File.ReadAllText(sizeFile).Trim()) is not { } bytes) continue;
                if (level > bestLevel || (level == bestLevel && bytes > bestBytes)) (bestLevel, bestBytes) = (level, bytes);
            }
            return bestBytes > 0 ? bestBytes : FallbackLastLevelBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FallbackLastLevelBytes;
        }
    }

    /// <summary>Parses sysfs sizes: "32768K", "8M", "512".</summary>
    internal static long? ParseSize(string text)
    {
        if (text.Length == 0) return null;
        long unit = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
        string digits = unit == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0 ? value * unit : null;
    }
}
