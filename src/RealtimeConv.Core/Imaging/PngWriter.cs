using System.Security.Cryptography;
using StbImageWriteSharp;

namespace RealtimeConv.Imaging;

/// <summary>
/// Writes <see cref="PixelImage"/>s as PNG (gray, gray+alpha, RGB or RGBA, 8-bit) atomically: the data goes
/// to a hidden temporary file in the destination folder (<c>.name.tmp-xxxxxxxx</c>), is flushed to disk,
/// and is then renamed over the destination. A reader sees the old file or the complete new one, never a
/// partial file under the final name; on failure the temporary file is removed.
/// </summary>
public static class PngWriter
{
    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/>, replacing any existing file.</summary>
    /// <exception cref="ImageWriteException">The folder is missing, the path is a directory, or I/O failed.</exception>
    public static void Write(string path, PixelImage image)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(image);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new ImageWriteException(path, "has no parent folder");
        if (!Directory.Exists(folder)) throw new ImageWriteException(path, $"folder {folder} does not exist");
        if (Directory.Exists(full)) throw new ImageWriteException(path, "is a directory");

        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                new ImageWriter().WritePng(image.Pixels, image.Width, image.Height, ComponentsOf(image), stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temp);
            throw new ImageWriteException(path, $"cannot write PNG: {ex.Message}", ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="path"/> unless that is one of
    /// <paramref name="inputPaths"/> (see <see cref="EnsureNotAnInput"/>), so an output can never overwrite a source.
    /// </summary>
    public static void Write(string path, PixelImage image, IEnumerable<string> inputPaths)
    {
        EnsureNotAnInput(path, inputPaths);
        Write(path, image);
    }

    /// <summary>
    /// Throws when <paramref name="outputPath"/> names the same file as one of <paramref name="inputPaths"/>.
    /// Paths are compared as full paths with symbolic links of existing files resolved; the comparison
    /// ignores case on Windows and macOS, whose usual file systems do.
    /// </summary>
    /// <exception cref="ImageWriteException">The output is an input.</exception>
    public static void EnsureNotAnInput(string outputPath, IEnumerable<string> inputPaths)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        ArgumentNullException.ThrowIfNull(inputPaths);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string output = Canonical(outputPath);
        foreach (string input in inputPaths)
        {
            if (string.Equals(output, Canonical(input), comparison))
                throw new ImageWriteException(outputPath, $"refusing to overwrite input file {input}");
        }
    }

    private static string Canonical(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            var target = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true);
            return target is null ? full : Path.GetFullPath(target.FullName);
        }
        catch (IOException)
        {
            // A link loop or an unreadable link: compare the path as written.
            return full;
        }
    }

    private static ColorComponents ComponentsOf(PixelImage image) => image.Components switch
    {
        1 => ColorComponents.Grey,
        2 => ColorComponents.GreyAlpha,
        3 => ColorComponents.RedGreenBlue,
        _ => ColorComponents.RedGreenBlueAlpha,
    };

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting; a stray hidden temp file is the lesser harm.
        }
    }
}
