namespace RealtimeConv.Viewer.Streaming;

/// <summary>
/// One listing of every source: the image paths in order, each file's stamp, the skipped notes and a
/// description. Immutable, so a listing made on the watcher's thread can be handed to the frame thread whole.
/// </summary>
internal sealed class PlaylistSnapshot
{
    private readonly Dictionary<string, int> _firstIndex;

    public PlaylistSnapshot(string[] paths, FileStamp[] stamps, string[] skipped, string description)
    {
        Paths = paths;
        Stamps = stamps;
        Skipped = skipped;
        Description = description;
        _firstIndex = new Dictionary<string, int>(paths.Length, StringComparer.Ordinal);
        for (int i = 0; i < paths.Length; i++) _firstIndex.TryAdd(paths[i], i);
    }

    /// <summary>Full paths of the images, in playing order (a file named twice appears twice).</summary>
    public string[] Paths { get; }

    /// <summary>Each path's stamp when it was listed.</summary>
    public FileStamp[] Stamps { get; }

    /// <summary>One line per entry left out and why.</summary>
    public string[] Skipped { get; }

    /// <summary>What is playing, e.g. "media/ (6 images)".</summary>
    public string Description { get; }

    /// <summary>The first index of <paramref name="path"/>, or −1.</summary>
    public int IndexOf(string path) => _firstIndex.GetValueOrDefault(path, -1);

    /// <summary>Whether <paramref name="other"/> lists the same files with the same stamps and notes.</summary>
    public bool SameAs(PlaylistSnapshot other) =>
        Paths.AsSpan().SequenceEqual(other.Paths) && Stamps.AsSpan().SequenceEqual(other.Stamps)
        && Skipped.AsSpan().SequenceEqual(other.Skipped);
}
