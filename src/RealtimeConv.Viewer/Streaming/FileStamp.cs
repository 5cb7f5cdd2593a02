namespace RealtimeConv.Viewer.Streaming;

/// <summary>
/// What a file looked like when it was listed: its length and last write time. Two stamps differ when an
/// editor saved over the file or a copy was still growing, which is when a decoded image goes stale.
/// </summary>
internal readonly record struct FileStamp(long Length, long WriteTicks)
{
    /// <summary>The stamp of <paramref name="path"/> now; default when it cannot be read (gone, no permission).</summary>
    public static FileStamp Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : default;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }
}
