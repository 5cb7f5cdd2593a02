using RealtimeConv.IO;

namespace RealtimeConv.Imaging;

/// <summary>
/// Lists the image files of a folder for a slide show or a batch run.
/// <list type="bullet">
/// <item>Order: natural (<see cref="NaturalSortComparer"/>): "img2" before "img10", case-insensitive;
/// a folder's files come before its subfolders' when listing recursively.</item>
/// <item>Hidden entries (name starting with '.', or the hidden attribute) are skipped silently; this also
/// hides <see cref="PngWriter"/>'s temporary files.</item>
/// <item>Files whose extension is not an image extension are skipped with a note; so is a directory named
/// like an image (when not recursing), and a broken link.</item>
/// <item>Recursion follows symbolic links to folders but visits each real folder once, so a link loop
/// ends with a note instead of running forever; depth is also capped at <see cref="MaxDepth"/>.</item>
/// </list>
/// Which files decode is not checked here: that is <see cref="ImageLoader"/>'s job, file by file.
/// </summary>
public static class ImageFolder
{
    /// <summary>Deepest folder level visited below the root when recursing.</summary>
    public const int MaxDepth = 32;

    /// <summary>The file extensions treated as images, case-insensitively.</summary>
    public static IReadOnlySet<string> Extensions => ImageSniffer.Extensions;

    /// <summary>Lists <paramref name="folder"/>; with <paramref name="recursive"/>, its subfolders too.</summary>
    /// <exception cref="ImageLoadException">The folder is missing, is a file, or cannot be read.</exception>
    public static ImageFolderListing List(string folder, bool recursive = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw File.Exists(folder)
                ? new ImageLoadException(folder, ImageLoadFailure.NotAnImage, "is a file, expected a folder")
                : new ImageLoadException(folder, ImageLoadFailure.Missing, "no such folder");
        }
        var files = new List<string>();
        var skipped = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string root = Path.GetFullPath(folder);
        visited.Add(RealPath(new DirectoryInfo(root)));
        try
        {
            Visit(new DirectoryInfo(root), root, 0, recursive, files, skipped, visited);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new ImageLoadException(folder, ImageLoadFailure.Unreadable, ex.Message, ex);
        }
        return new ImageFolderListing(files, skipped);
    }

    private static void Visit(DirectoryInfo dir, string root, int depth, bool recursive,
        List<string> files, List<string> skipped, HashSet<string> visited)
    {
        var entries = dir.GetFileSystemInfos();
        Array.Sort(entries, (a, b) => NaturalSortComparer.Instance.Compare(a.Name, b.Name));
        var subfolders = new List<DirectoryInfo>();
        foreach (var entry in entries)
        {
            if (entry.Name.StartsWith('.') || (entry.Attributes & FileAttributes.Hidden) != 0) continue;
            string shown = Path.GetRelativePath(root, entry.FullName);
            if (entry is DirectoryInfo sub)
            {
                if (recursive) subfolders.Add(sub);
                else if (Extensions.Contains(sub.Extension)) skipped.Add($"{shown}: skipped, a directory named like an image");
                continue;
            }
            if (!Extensions.Contains(entry.Extension))
            {
                string extension = entry.Extension.Length == 0 ? "no extension" : $"extension {entry.Extension}";
                skipped.Add($"{shown}: skipped, not an image ({extension})");
                continue;
            }
            if (entry.LinkTarget is not null && !LinkResolves(entry))
            {
                skipped.Add($"{shown}: skipped, broken link to {entry.LinkTarget}");
                continue;
            }
            files.Add(entry.FullName);
        }
        foreach (var sub in subfolders)
        {
            string shown = Path.GetRelativePath(root, sub.FullName);
            if (depth + 1 > MaxDepth)
            {
                skipped.Add($"{shown}: skipped, deeper than {MaxDepth} levels");
                continue;
            }
            string real;
            try
            {
                real = RealPath(sub);
            }
            catch (IOException ex)
            {
                skipped.Add($"{shown}: skipped, cannot resolve link: {ex.Message}");
                continue;
            }
            if (!visited.Add(real))
            {
                skipped.Add($"{shown}: skipped, already visited (a link back to {real})");
                continue;
            }
            try
            {
                Visit(sub, root, depth + 1, recursive, files, skipped, visited);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                skipped.Add($"{shown}: skipped, cannot read folder: {ex.Message}");
            }
        }
    }

    /// <summary>
    /// The folder's path with every symbolic link resolved (<see cref="PathIdentity"/>), so two routes to
    /// one folder give one string; a link loop is an error, as the kernel's ELOOP.
    /// </summary>
    private static string RealPath(DirectoryInfo dir) =>
        PathIdentity.TryCanonical(dir.FullName, out string real)
            ? real
            : throw new IOException($"too many levels of symbolic links at {dir.FullName}");

    private static bool LinkResolves(FileSystemInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
        }
        catch (IOException)
        {
            return false; // a loop of file links
        }
    }

}
