using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using RealtimeConv.Imaging;

namespace RealtimeConv.Viewer.Streaming;

/// <summary>
/// Decodes playlist images on one background thread ahead of need, so that changing images never stalls a
/// frame: <see cref="Request"/> names the image on screen, <see cref="TryGet"/> hands out what is ready.
/// </summary>
/// <remarks>
/// <para>Threading. <see cref="Request"/>, <see cref="TryGet"/> and <see cref="Dispose"/> belong to the frame
/// thread, which alone owns the cache: it needs no lock to read it. The decode thread owns nothing but the
/// job it is working on. Work goes to it through a small queue under a lock that either side holds only
/// to add or take a job (never during a decode); results come back through a lock-free queue that the
/// frame thread drains at its next call. A <see cref="StreamedImage"/> is immutable and fully built before
/// it is enqueued, and the queue's enqueue/dequeue pair orders the memory, so the frame thread sees it whole.</para>
/// <para>Memory. The cache keeps only the requested window — the current image, <c>ahead</c> after it and
/// <c>behind</c> before it (wrapping, as playback does) — plus at most one decode in flight.</para>
/// <para>Staleness. Images are keyed by path and checked against the playlist's file stamps whenever it
/// changes, so a file saved over while the viewer runs is decoded again.</para>
/// </remarks>
public sealed class ImagePrefetcher : IDisposable
{
    /// <summary>How long <see cref="Dispose"/> waits for a decode in progress (stb cannot be interrupted mid-file).</summary>
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(5);

    private readonly ImagePlaylist _playlist;
    private readonly StreamDecoder _decoder;
    private readonly int _ahead, _behind;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();

    // Shared with the decode thread, under _gate: the jobs in priority order (next first).
    private readonly object _gate = new(); // a Monitor (not a Lock): the decode thread waits on it
    private readonly List<DecodeJob> _queue = [];
    private bool _stopping;

    // Decode thread → frame thread.
    private readonly ConcurrentQueue<StreamedImage> _done = new();
    private int _decoded, _failed;

    // Frame thread only.
    private readonly Dictionary<string, StreamedImage> _cache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _posted = new(StringComparer.Ordinal);
    private readonly List<int> _window = [];
    private readonly HashSet<string> _windowPaths = new(StringComparer.Ordinal);
    private readonly List<string> _evict = [];
    private int _plannedIndex = -1, _plannedVersion = -1, _cacheVersion;
    private bool _replan;
    private bool _disposed;

    /// <summary>
    /// Starts the decode thread. Images are shrunk so their longer side is at most <paramref name="maxSide"/>;
    /// <paramref name="ahead"/> images after the requested one and <paramref name="behind"/> before it are
    /// decoded too. <paramref name="prepare"/>, when given, runs on the decode thread on each image's RGBA
    /// pixels and its result lands in <see cref="StreamedImage.Prepared"/> (e.g. the compute input).
    /// </summary>
    public ImagePrefetcher(ImagePlaylist playlist, int maxSide = 1024, int ahead = 2, int behind = 1, Func<PixelImage, object?>? prepare = null)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(ahead);
        ArgumentOutOfRangeException.ThrowIfNegative(behind);
        _playlist = playlist;
        _decoder = new StreamDecoder(maxSide, prepare);
        _ahead = ahead;
        _behind = behind;
        _cacheVersion = playlist.Version;
        _thread = new Thread(DecodeLoop) { IsBackground = true, Name = "rtconv-decode" };
        _thread.Start();
    }

    /// <summary>The longest side a decoded image keeps.</summary>
    public int MaxSide => _decoder.MaxSide;

    /// <summary>Files the decode thread has finished, failures included.</summary>
    public int Decoded => Volatile.Read(ref _decoded);

    /// <summary>Files that finished with an <see cref="StreamedImage.Error"/>.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Images held ready right now (bounded by 1 + ahead + behind).</summary>
    public int Cached => _cache.Count;

    /// <summary>Whether <see cref="Dispose"/> has told the decode thread to stop (it may still be finishing a file).</summary>
    internal bool StopRequested => _stop.IsCancellationRequested;

    /// <summary>Whether the decode thread is still running (false once <see cref="Dispose"/> has joined it).</summary>
    public bool IsRunning => _thread.IsAlive;

    /// <summary>
    /// Names the image on screen: it is decoded first, then the <c>ahead</c> after it, then the <c>behind</c>
    /// before it; images outside that window leave the cache, and queued work for them is dropped. Call every
    /// frame: when neither the index nor the playlist changed it only collects finished images.
    /// </summary>
    public void Request(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Collect();
        int count = _playlist.Count;
        if (count == 0) return;
        if ((uint)index >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the playlist holds {count} images");
        if (index == _plannedIndex && _playlist.Version == _plannedVersion && !_replan) return;
        _plannedIndex = index;
        _plannedVersion = _playlist.Version;
        _replan = false;

        _window.Clear();
        _windowPaths.Clear();
        AddToWindow(index);
        for (int d = 1; d <= _ahead; d++) AddToWindow((int)((index + (long)d) % count));
        for (int d = 1; d <= _behind; d++) AddToWindow((int)(((index - (long)d) % count + count) % count));

        _evict.Clear();
        foreach (var (path, _) in _cache)
            if (!_windowPaths.Contains(path)) _evict.Add(path);
        foreach (string path in _evict) _cache.Remove(path);

        lock (_gate)
        {
            // Replace the queue: work for images that left the window is dropped, the rest is re-ordered.
            foreach (var job in _queue) _posted.Remove(job.Path);
            _queue.Clear();
            foreach (int i in _window)
            {
                string path = _playlist[i];
                if (_cache.ContainsKey(path) || !_posted.Add(path)) continue;
                _queue.Add(new DecodeJob(i, path, _playlist.StampAt(i)));
            }
            if (_queue.Count > 0) Monitor.Pulse(_gate);
        }
    }

    /// <summary>
    /// The decoded image at <paramref name="index"/>, if it is ready. Never waits for a decode: false while it
    /// is still queued or in progress (or not requested).
    /// </summary>
    public bool TryGet(int index, [MaybeNullWhen(false)] out StreamedImage image)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Collect();
        image = null;
        if ((uint)index >= (uint)_playlist.Count) return false;
        string path = _playlist[index];
        if (!_cache.TryGetValue(path, out var found)) return false;
        if (found.Index != index)
        {
            // Files before it came or went since it was queued: hand it out at its new position.
            found = found.At(index);
            _cache[path] = found;
        }
        image = found;
        return true;
    }

    /// <summary>Moves finished images into the cache; drops those that left the window or went stale.</summary>
    private void Collect()
    {
        if (_playlist.Version != _cacheVersion) DropStale();
        while (_done.TryDequeue(out var image))
        {
            _posted.Remove(image.Path);
            if (!_windowPaths.Contains(image.Path)) continue;
            if (IsStale(image))
            {
                // The file changed while it was decoded: decode it again at the next Request.
                _replan = true;
                continue;
            }
            _cache[image.Path] = image;
        }
    }

    private void DropStale()
    {
        _cacheVersion = _playlist.Version;
        _evict.Clear();
        foreach (var (path, image) in _cache)
            if (IsStale(image)) _evict.Add(path);
        foreach (string path in _evict) _cache.Remove(path);
        _replan = true;
    }

    private bool IsStale(StreamedImage image)
    {
        int at = _playlist.IndexOf(image.Path);
        return at < 0 || _playlist.StampAt(at) != image.Stamp;
    }

    private void AddToWindow(int index)
    {
        if (_window.Contains(index)) return;
        _window.Add(index);
        _windowPaths.Add(_playlist[index]);
    }

    private void DecodeLoop()
    {
        while (true)
        {
            DecodeJob job;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_stopping) Monitor.Wait(_gate);
                if (_stopping) return;
                job = _queue[0];
                _queue.RemoveAt(0);
            }
            StreamedImage? image;
            try
            {
                image = _decoder.Decode(job, _stop.Token);
            }
            catch (Exception ex)
            {
                // StreamDecoder turns every expected failure into the image's error; this is the backstop that
                // keeps one bad file (or a bug) from ending the thread and freezing every later image.
                image = new StreamedImage(job.Index, job.Path, job.Stamp, null, 0, 0, 0,
                    $"{Path.GetFileName(job.Path)}: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}",
                    TimeSpan.Zero, TimeSpan.Zero, null, TimeSpan.Zero);
            }
            if (image is null) return; // stopped between stages
            // Count first, so that whoever sees the image also sees it counted.
            if (!image.IsOk) Interlocked.Increment(ref _failed);
            Interlocked.Increment(ref _decoded);
            _done.Enqueue(image);
        }
    }

    /// <summary>
    /// Stops the decode thread and waits for it (at most <see cref="JoinTimeout"/>, for a decode that cannot be
    /// interrupted; the thread is a background thread, so even then it cannot keep the process alive). Idempotent.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // Empty the queue before cancelling: whoever sees the token cancelled also sees no work left.
        lock (_gate)
        {
            _stopping = true;
            _queue.Clear();
            Monitor.PulseAll(_gate);
        }
        _stop.Cancel();
        // A thread still inside a decode holds the token; the source is left to the GC then.
        if (_thread.Join(JoinTimeout)) _stop.Dispose();
        _cache.Clear();
    }
}
