using RealtimeConv.Imaging;
using RealtimeConv.Tensors;
using RealtimeConv.Visualization;

namespace RealtimeConv.Viewer.Loop;

/// <summary>
/// Writes what S saves — the frame as shown and each visible chain's channel grid — as PNG files in one
/// folder, on a background task (PNG encoding takes longer than a frame). Each file is written
/// atomically, never over an input image, and logged when done.
/// </summary>
internal sealed class ScreenshotWriter(string folder, ViewerLog log, IReadOnlyCollection<string> inputPaths) : IDisposable
{
    private readonly List<Task> _pending = [];
    private int _sequence;

    /// <summary>
    /// Queues one screenshot: <paramref name="frame"/> and the <paramref name="grids"/> (name → map),
    /// named after <paramref name="imageName"/>. The CPU copies passed in belong to the writer from here on.
    /// </summary>
    public void Save(string imageName, PixelImage frame, IReadOnlyList<(string Name, FeatureMap Map)> grids, VisualizationOptions visualization)
    {
        int number = Interlocked.Increment(ref _sequence);
        string stem = $"{Path.GetFileNameWithoutExtension(imageName)}-{number:D3}";
        var task = Task.Run(() =>
        {
            try
            {
                Directory.CreateDirectory(folder);
                Write(Path.Combine(folder, stem + "-frame.png"), frame);
                foreach (var (name, map) in grids)
                    Write(Path.Combine(folder, $"{stem}-{name}.png"), ChannelVisualizer.RenderGrid(map, visualization));
            }
            catch (Exception e) when (e is ImageWriteException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                log.Line($"screenshot-error={e.Message}");
            }
        });
        lock (_pending) _pending.Add(task);
    }

    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> right away (for <c>--screenshot</c>).</summary>
    public void WriteNow(string path, PixelImage image)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        Write(path, image);
    }

    /// <summary>Waits for the queued screenshots to be written.</summary>
    public void Dispose()
    {
        Task[] pending;
        lock (_pending) pending = [.. _pending];
        // Each task logs its own failures; whatever else went wrong must not stop the viewer's shutdown.
        try
        {
            Task.WaitAll(pending);
        }
        catch (AggregateException e)
        {
            log.Line("screenshot-error=" + e.InnerException?.Message);
        }
    }

    private void Write(string path, PixelImage image)
    {
        PngWriter.Write(path, image, inputPaths);
        log.Change("saved", path);
    }
}
