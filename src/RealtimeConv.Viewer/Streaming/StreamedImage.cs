using RealtimeConv.Imaging;

namespace RealtimeConv.Viewer.Streaming;

/// <summary>
/// One playlist image as the decode thread left it: RGBA8 pixels no larger than the prefetcher's
/// <c>maxSide</c>, or a one-line error. Immutable once published, so the frame thread reads it without locks.
/// </summary>
public sealed class StreamedImage
{
    internal StreamedImage(int index, string path, FileStamp stamp, PixelImage? pixels, int sourceWidth, int sourceHeight,
        int scaleFactor, string? error, TimeSpan decodeTime, TimeSpan scaleTime, object? prepared, TimeSpan prepareTime)
    {
        Index = index;
        Path = path;
        Name = System.IO.Path.GetFileName(path);
        Stamp = stamp;
        Pixels = pixels;
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        ScaleFactor = scaleFactor;
        Error = error;
        DecodeTime = decodeTime;
        ScaleTime = scaleTime;
        Prepared = prepared;
        PrepareTime = prepareTime;
    }

    /// <summary>Its index in the playlist when it was handed out by <see cref="ImagePrefetcher.TryGet"/>.</summary>
    public int Index { get; }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <summary>The file name, for the HUD.</summary>
    public string Name { get; }

    /// <summary>RGBA8 pixels, area-downscaled so the longer side is at most the prefetcher's maxSide; null on error.</summary>
    public PixelImage? Pixels { get; }

    /// <summary>Width of the file's image before downscaling (0 when it did not decode).</summary>
    public int SourceWidth { get; }

    /// <summary>Height of the file's image before downscaling (0 when it did not decode).</summary>
    public int SourceHeight { get; }

    /// <summary>The integer box factor of the downscale (1: full size; 0 when it did not decode).</summary>
    public int ScaleFactor { get; }

    /// <summary>One line, "&lt;name&gt;: &lt;reason&gt;", when the file could not be shown; null when it could.</summary>
    public string? Error { get; }

    /// <summary>Whether the image decoded (and, with a prepare hook, was prepared).</summary>
    public bool IsOk => Error is null;

    /// <summary>Reading and decoding the file.</summary>
    public TimeSpan DecodeTime { get; }

    /// <summary>Downscaling and the conversion to RGBA.</summary>
    public TimeSpan ScaleTime { get; }

    /// <summary>What the prefetcher's prepare hook made of <see cref="Pixels"/> on the decode thread, or null.</summary>
    public object? Prepared { get; }

    /// <summary>Time spent in the prepare hook.</summary>
    public TimeSpan PrepareTime { get; }

    /// <summary>The file's stamp when it was queued: a changed file makes this image stale.</summary>
    internal FileStamp Stamp { get; }

    /// <summary>The same image at another playlist position (files before it came or went).</summary>
    internal StreamedImage At(int index) =>
        index == Index ? this : new(index, Path, Stamp, Pixels, SourceWidth, SourceHeight, ScaleFactor, Error, DecodeTime, ScaleTime, Prepared, PrepareTime);
}
