namespace RealtimeConv.Viewer.Streaming;

/// <summary>
/// The images the viewer plays: folders (in <see cref="Imaging.ImageFolder"/>'s natural order) and files,
/// in argument order, and which one is current. With <c>--watch</c>, files added to or removed from the
/// folders show up at the next <see cref="Poll"/>.
/// </summary>
/// <remarks>
/// Threading: every member but <see cref="Dispose"/> belongs to the frame thread. Watching lists the folders
/// again on a thread-pool thread (after a <see cref="FileSystemWatcher"/> event, with a cool-down, and every
/// <see cref="RescanInterval"/> in case the watcher misses something: network folders, inotify limits) and
/// hands over a whole new immutable listing; <see cref="Poll"/> only swaps it in. So the frame thread never
/// touches the file system and a frame with nothing new costs one volatile read.
/// </remarks>
public sealed class ImagePlaylist : IDisposable
{
    /// <summary>
    /// The fallback listing period. Two seconds: a file dropped in appears well within a slide, while a
    /// folder of thousands (a few milliseconds to list) costs nothing noticeable on a background thread.
    /// </summary>
    public static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Wait after the last watcher event before listing. A copy raises a burst of events (create, then a
    /// write per chunk); listing once the burst settles sees the finished file instead of a half-written one.
    /// </summary>
    public static readonly TimeSpan EventCoolDown = TimeSpan.FromMilliseconds(150);

    private readonly PlaylistSource[] _sources;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer? _timer;
    private readonly Lock _scanGate = new();
    private PlaylistSnapshot _snapshot;
    private PlaylistSnapshot _scanned;
    private PlaylistSnapshot? _pending;
    private string? _watchWarning;
    private int _current;
    private bool _disposed;

    private ImagePlaylist(PlaylistSource[] sources, PlaylistSnapshot first, bool watch)
    {
        _sources = sources;
        _snapshot = _scanned = first;
        IsWatching = watch;
        if (!watch) return;
        foreach (var source in sources.Where(s => s.IsFolder))
        {
            try
            {
                var watcher = new FileSystemWatcher(source.FullPath)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                    IncludeSubdirectories = false,
                };
                watcher.Created += OnFileEvent;
                watcher.Deleted += OnFileEvent;
                watcher.Changed += OnFileEvent;
                watcher.Renamed += OnFileEvent;
                watcher.Error += OnWatcherError;
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
            {
                // Typically the inotify instance limit; the periodic listing still finds the changes.
                _watchWarning = $"{source.Argument}: not watched for changes ({ex.Message.ReplaceLineEndings(" ")}); listing it every {RescanInterval.TotalSeconds:0} s instead";
            }
        }
        _timer = new Timer(_ => Rescan(), null, RescanInterval, RescanInterval);
    }

    /// <summary>
    /// Lists <paramref name="arguments"/> (folders and files, in order). A missing path, an unreadable folder,
    /// or (unless <paramref name="watch"/>ing, when images may still arrive) no images at all is a
    /// <see cref="ViewerInputException"/>.
    /// </summary>
    public static ImagePlaylist Open(IReadOnlyList<string> arguments, bool watch)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0) throw new ViewerInputException("rtconv view", "no files or folders given");
        var sources = new PlaylistSource[arguments.Count];
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            if (string.IsNullOrWhiteSpace(argument)) throw new ViewerInputException($"argument {i + 1}", "empty path");
            string full = Path.GetFullPath(argument);
            if (Directory.Exists(full)) sources[i] = new PlaylistSource(argument, full, IsFolder: true);
            else if (File.Exists(full)) sources[i] = new PlaylistSource(argument, full, IsFolder: false);
            else throw new ViewerInputException(argument, "no such file or folder");
        }
        var first = PlaylistScanner.Scan(sources, strict: true);
        if (first.Paths.Length == 0 && !watch)
        {
            string reason = first.Skipped.Length == 0 ? "no images" : $"no images ({first.Skipped.Length} entr{(first.Skipped.Length == 1 ? "y" : "ies")} skipped)";
            throw new ViewerInputException(string.Join(", ", arguments), reason);
        }
        return new ImagePlaylist(sources, first, watch);
    }

    /// <summary>Number of images (0 is possible only while watching).</summary>
    public int Count => _snapshot.Paths.Length;

    /// <summary>The full path of image <paramref name="index"/>.</summary>
    public string this[int index] =>
        (uint)index < (uint)_snapshot.Paths.Length
            ? _snapshot.Paths[index]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"the playlist holds {Count} images");

    /// <summary>One line per entry left out and why, e.g. "notes.txt: skipped, not an image (extension .txt)".</summary>
    public IReadOnlyList<string> Skipped => _snapshot.Skipped;

    /// <summary>What is playing, e.g. "media/ (6 images)".</summary>
    public string Description => _snapshot.Description;

    /// <summary>Whether the folders are watched for added and removed files.</summary>
    public bool IsWatching { get; }

    /// <summary>A one-line warning when a folder could not be watched (it is then listed periodically), else null.</summary>
    public string? WatchWarning => Volatile.Read(ref _watchWarning);

    /// <summary>Goes up by one every time <see cref="Poll"/> applies a new listing (an image cache keys on it).</summary>
    public int Version { get; private set; }

    /// <summary>
    /// The index of the image on screen. <see cref="Poll"/> moves it with its file when files before it come
    /// or go; when the current file itself is removed, the one that takes its place becomes current. 0 when empty.
    /// </summary>
    public int Current
    {
        get => _current;
        set
        {
            if (Count == 0 ? value != 0 : (uint)value >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"the playlist holds {Count} images");
            _current = value;
        }
    }

    /// <summary>Moves <see cref="Current"/> by <paramref name="steps"/> (negative: back), wrapping at both ends; returns it.</summary>
    public int Move(int steps)
    {
        if (Count == 0) return 0;
        _current = (int)(((_current + (long)steps) % Count + Count) % Count);
        return _current;
    }

    /// <summary>The first index of the file at <paramref name="fullPath"/>, or −1.</summary>
    public int IndexOf(string fullPath) => _snapshot.IndexOf(fullPath);

    /// <summary>The stamp image <paramref name="index"/> had when it was listed.</summary>
    internal FileStamp StampAt(int index) => _snapshot.Stamps[index];

    /// <summary>
    /// Call once per frame on the frame thread: applies the latest listing made by the watcher, if any,
    /// keeping <see cref="Current"/> on its file. Returns whether anything changed (files, their contents,
    /// or the skipped notes). Without a new listing it reads one field and allocates nothing.
    /// </summary>
    public bool Poll()
    {
        if (Volatile.Read(ref _pending) is null) return false;
        var next = Interlocked.Exchange(ref _pending, null);
        if (next is null) return false;
        var previous = _snapshot;
        string? currentPath = previous.Paths.Length > 0 ? previous.Paths[_current] : null;
        _snapshot = next;
        Version++;
        int count = next.Paths.Length;
        if (count == 0) _current = 0;
        else if (currentPath is null) _current = 0;
        else if (_current < count && next.Paths[_current] == currentPath) { /* still in place */ }
        else
        {
            int moved = next.IndexOf(currentPath);
            _current = moved >= 0 ? moved : Math.Min(_current, count - 1);
        }
        return true;
    }

    /// <summary>Lists the sources now on the calling thread and hands the result to <see cref="Poll"/> (tests, a manual refresh key).</summary>
    public void Rescan()
    {
        try
        {
            lock (_scanGate)
            {
                if (_disposed) return;
                var listing = PlaylistScanner.Scan(_sources, strict: false);
                if (listing.SameAs(_scanned)) return;
                _scanned = listing;
                Volatile.Write(ref _pending, listing);
            }
        }
        catch (Exception ex)
        {
            // This runs on a timer thread, where an escaping exception would end the process; the next
            // period tries again and the HUD can show why the list is not updating.
            Volatile.Write(ref _watchWarning, $"listing failed: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) => RescanSoon();

    private void RescanSoon()
    {
        // Each event pushes the listing back by the cool-down, so a burst ends in one listing; the
        // period restarts after it.
        try
        {
            _timer?.Change(EventCoolDown, RescanInterval);
        }
        catch (ObjectDisposedException)
        {
            // An event raced with Dispose.
        }
    }

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        // An overflowed event queue loses events: list again soon; the periodic listing covers the rest.
        Volatile.Write(ref _watchWarning, $"folder watcher: {e.GetException().Message.ReplaceLineEndings(" ")}");
        RescanSoon();
    }

    /// <summary>Stops watching. Idempotent.</summary>
    public void Dispose()
    {
        lock (_scanGate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _timer?.Dispose();
        foreach (var watcher in _watchers) watcher.Dispose();
        _watchers.Clear();
    }
}
