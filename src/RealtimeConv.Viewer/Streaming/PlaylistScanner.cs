using RealtimeConv.Imaging;

namespace RealtimeConv.Viewer.Streaming;

/// <summary>Lists every source of a playlist, in argument order, into a <see cref="PlaylistSnapshot"/>.</summary>
internal static class PlaylistScanner
{
    /// <summary>How many arguments the description names before it says "and N more".</summary>
    private const int NamedInDescription = 3;

    /// <summary>
    /// Lists <paramref name="sources"/>. With <paramref name="strict"/> (the first listing) a folder that
    /// cannot be read is a <see cref="ViewerInputException"/>; later (a watched folder deleted or renamed
    /// while the viewer runs) it becomes a skipped note and the folder simply holds no images.
    /// </summary>
    public static PlaylistSnapshot Scan(IReadOnlyList<PlaylistSource> sources, bool strict)
    {
        var paths = new List<string>();
        var skipped = new List<string>();
        // With one source the notes name files relative to it, as ImageFolder writes them; with several,
        // the argument goes in front so two "notes.txt" lines can be told apart.
        bool prefix = sources.Count > 1;
        foreach (var source in sources)
        {
            if (source.IsFolder) ListFolder(source, strict, prefix, paths, skipped);
            else if (File.Exists(source.FullPath))
            {
                string extension = Path.GetExtension(source.FullPath);
                if (ImageFolder.Extensions.Contains(extension)) paths.Add(source.FullPath);
                else skipped.Add($"{source.Argument}: skipped, not an image ({(extension.Length == 0 ? "no extension" : $"extension {extension}")})");
            }
            else if (strict) throw new ViewerInputException(source.Argument, "no such file or folder");
            else skipped.Add($"{source.Argument}: skipped, no longer exists");
        }
        var stamps = new FileStamp[paths.Count];
        for (int i = 0; i < stamps.Length; i++) stamps[i] = FileStamp.Of(paths[i]);
        return new PlaylistSnapshot([.. paths], stamps, [.. skipped], Describe(sources, paths.Count));
    }

    private static void ListFolder(PlaylistSource source, bool strict, bool prefix, List<string> paths, List<string> skipped)
    {
        ImageFolderListing listing;
        try
        {
            listing = ImageFolder.List(source.FullPath);
        }
        catch (ImageLoadException ex)
        {
            string reason = Reason(ex);
            if (strict) throw new ViewerInputException(source.Argument, reason, ex);
            skipped.Add($"{source.Argument}: skipped, {reason}");
            return;
        }
        paths.AddRange(listing.Files);
        foreach (string note in listing.Skipped) skipped.Add(prefix ? Path.Join(source.Argument, note) : note);
    }

    /// <summary>The reason of <paramref name="ex"/> without the path its message starts with.</summary>
    public static string Reason(ImageLoadException ex)
    {
        string head = ex.Path + ": ";
        return ex.Message.StartsWith(head, StringComparison.Ordinal) ? ex.Message[head.Length..] : ex.Message;
    }

    /// <summary>"media/ (6 images)", "a.png, b.png (2 images)", "a/, b/, c/ and 2 more (40 images)".</summary>
    public static string Describe(IReadOnlyList<PlaylistSource> sources, int images)
    {
        var names = sources.Take(NamedInDescription).Select(s => s.Argument);
        string named = string.Join(", ", names);
        if (sources.Count > NamedInDescription) named += $" and {sources.Count - NamedInDescription} more";
        return $"{named} ({images} image{(images == 1 ? "" : "s")})";
    }
}
