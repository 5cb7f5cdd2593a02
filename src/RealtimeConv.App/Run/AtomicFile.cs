namespace RealtimeConv.App.Run;

/// <summary>
/// Writes a file the way <see cref="Imaging.PngWriter"/> and <see cref="IO.NpyFile"/> do: to a hidden temporary
/// file in the destination folder (same file system, so the rename is atomic), flushed, then renamed over the
/// destination. A reader sees the old file or the complete new one; on failure the temporary file is removed.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, replacing any existing file.</summary>
    /// <exception cref="IOException">The write failed; the message names <paramref name="path"/>.</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Best effort: the failed write is the error to report.
            }
            throw new IOException($"cannot write {path}: {e.Message}", e);
        }
    }
}
