using System.Diagnostics;
using RealtimeConv.Imaging;

namespace RealtimeConv.Viewer.Streaming;

/// <summary>
/// Turns a file into a <see cref="StreamedImage"/>: decode (<see cref="ImageLoader"/>), shrink by the
/// smallest integer box factor that fits <see cref="MaxSide"/> (<see cref="AreaDownsample"/>), convert to
/// RGBA, then run the optional prepare hook. Never throws: every failure becomes the image's one-line error.
/// </summary>
internal sealed class StreamDecoder(int maxSide, Func<PixelImage, object?>? prepare)
{
    /// <summary>The longest side an image keeps.</summary>
    public int MaxSide { get; } = maxSide;

    /// <summary>Decodes <paramref name="job"/>; null when <paramref name="stop"/> is set between stages.</summary>
    public StreamedImage? Decode(DecodeJob job, CancellationToken stop)
    {
        string name = Path.GetFileName(job.Path);
        long start = Stopwatch.GetTimestamp();
        DecodedImage decoded;
        try
        {
            decoded = ImageLoader.Load(job.Path);
        }
        catch (ImageLoadException ex)
        {
            return Failed(job, $"{name}: {PlaylistScanner.Reason(ex)}", Stopwatch.GetElapsedTime(start));
        }
        catch (OutOfMemoryException)
        {
            return Failed(job, $"{name}: out of memory while decoding", Stopwatch.GetElapsedTime(start));
        }
        var decodeTime = Stopwatch.GetElapsedTime(start);
        if (stop.IsCancellationRequested) return null;

        start = Stopwatch.GetTimestamp();
        int factor = AreaDownsample.Factor(decoded.Width, decoded.Height, MaxSide);
        // Shrink before widening to RGBA: the box average then reads 1–3 bytes a pixel instead of 4.
        var pixels = AreaDownsample.Apply(decoded.Pixels, factor).ToRgba();
        var scaleTime = Stopwatch.GetElapsedTime(start);
        if (stop.IsCancellationRequested) return null;

        object? prepared = null;
        string? error = null;
        start = Stopwatch.GetTimestamp();
        if (prepare is not null)
        {
            try
            {
                prepared = prepare(pixels);
            }
            catch (Exception ex)
            {
                // The hook is the caller's code; its failure is this image's error, not the thread's end.
                error = $"{name}: preparing the compute input failed: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}";
            }
        }
        var prepareTime = Stopwatch.GetElapsedTime(start);
        return new StreamedImage(job.Index, job.Path, job.Stamp, pixels, decoded.Width, decoded.Height, factor, error,
            decodeTime, scaleTime, prepared, prepareTime);
    }

    private static StreamedImage Failed(DecodeJob job, string error, TimeSpan decodeTime) =>
        new(job.Index, job.Path, job.Stamp, null, 0, 0, 0, error, decodeTime, TimeSpan.Zero, null, TimeSpan.Zero);
}
