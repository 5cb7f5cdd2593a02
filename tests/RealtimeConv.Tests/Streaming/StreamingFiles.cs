using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Streaming;

/// <summary>Image files for the streaming tests, and a patient wait for what a background thread does.</summary>
internal static class StreamingFiles
{
    /// <summary>
    /// How long a background thread (decode, folder watcher) may take before a test gives up. Generous on
    /// purpose: CI machines are shared, and nothing here asserts a time, only that it happens at all.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Writes an RGB PNG of the <see cref="TestImages.Pattern"/> with <paramref name="seed"/>.</summary>
    public static string Png(TempFolder folder, string name, int width = 24, int height = 16, int seed = 0) =>
        folder.Write(name, TestImages.StbPng(TestImages.Pattern(width, height, 3, seed), width, height, 3));

    /// <summary>A PNG whose image data is damaged: a good file with the middle of its compressed data scrambled.</summary>
    public static string CorruptPng(TempFolder folder, string name)
    {
        var bytes = TestImages.RawPng(32, 32, 8, 2, TestImages.Pattern(32, 32, 3));
        // The IDAT payload starts after signature (8) + IHDR chunk (25) + IDAT length and type (8).
        for (int i = 8 + 25 + 8 + 2; i < bytes.Length - 12 - 4; i++) bytes[i] ^= 0x5A;
        return folder.Write(name, bytes);
    }

    /// <summary>Calls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after <see cref="Patience"/>.</summary>
    public static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"gave up after {Patience.TotalSeconds:0} s waiting for {what}");
            Thread.Sleep(10);
        }
    }
}
