namespace RealtimeConv.IO;

/// <summary>
/// Compares paths as the file system sees them: full paths with every symbolic link resolved, component by
/// component (a link's target replaces it and ".." applies to the real parent), so that two routes to one
/// file or folder compare equal. Components that do not exist yet are kept as written. Case is ignored on
/// Windows and macOS, whose usual file systems do.
/// </summary>
public static class PathIdentity
{
    /// <summary>More expansions than this is a link loop, as POSIX's ELOOP.</summary>
    private const int MaxLinkExpansions = 40;

    /// <summary>How the platform's usual file systems compare names.</summary>
    public static StringComparison Comparison { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> name the same file or folder.</summary>
    public static bool Same(string a, string b) => string.Equals(Canonical(a), Canonical(b), Comparison);

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies somewhere below it.</summary>
    public static bool IsSameOrInside(string path, string folder)
    {
        string p = Canonical(path), f = Canonical(folder);
        if (string.Equals(p, f, Comparison)) return true;
        string prefix = f.EndsWith(Path.DirectorySeparatorChar) ? f : f + Path.DirectorySeparatorChar;
        return p.StartsWith(prefix, Comparison);
    }

    /// <summary>
    /// The full path of <paramref name="path"/> with its symbolic links resolved. Past
    /// <see cref="MaxLinkExpansions"/> expansions (a link loop) the rest is kept as written.
    /// </summary>
    public static string Canonical(string path)
    {
        TryCanonical(path, out string canonical);
        return canonical;
    }

    /// <summary>
    /// Resolves <paramref name="path"/> like <see cref="Canonical"/>; false when a link loop stopped the
    /// resolution (POSIX's ELOOP), so a caller walking folders can refuse to follow it.
    /// </summary>
    public static bool TryCanonical(string path, out string canonical)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? Path.DirectorySeparatorChar.ToString();
        var remaining = new List<string>(Split(full[root.Length..]));
        string current = root;
        int expansions = 0;
        bool resolved = true;
        while (remaining.Count > 0)
        {
            string part = remaining[0];
            remaining.RemoveAt(0);
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            string next = Path.Combine(current, part);
            string? target = LinkTarget(next);
            if (target is not null)
            {
                if (++expansions <= MaxLinkExpansions)
                {
                    if (Path.IsPathRooted(target))
                    {
                        current = Path.GetPathRoot(target) ?? root;
                        remaining.InsertRange(0, Split(target[current.Length..]));
                    }
                    else
                    {
                        remaining.InsertRange(0, Split(target));
                    }
                    continue;
                }
                // A loop: from here on the path is kept as written.
                resolved = false;
            }
            current = next;
        }
        canonical = current;
        return resolved;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[] Split(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
