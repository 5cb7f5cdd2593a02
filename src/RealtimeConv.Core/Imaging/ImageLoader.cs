using StbImageSharp;

namespace RealtimeConv.Imaging;

/// <summary>
/// Reads image files into <see cref="DecodedImage"/>s through StbImageSharp. Every failure is an
/// <see cref="ImageLoadException"/> naming the file and one reason; no decoder exception escapes.
/// </summary>
/// <remarks>
/// Order of checks, cheapest and most specific first: the path (missing, a directory), the file size
/// (empty, over <see cref="ImageLimits.MaxFileBytes"/>), the signature (not an image), the format's own
/// header (size against <see cref="ImageLimits"/>, before any pixel buffer exists), the format's structure
/// (truncated or corrupt), then the decode itself.
/// </remarks>
public static class ImageLoader
{
    /// <summary>Reads and decodes <paramref name="path"/>.</summary>
    /// <exception cref="ImageLoadException">For every way the file can fail to load.</exception>
    public static DecodedImage Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path)) throw new ImageLoadException(path, ImageLoadFailure.NotAFile);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new ImageLoadException(path, ImageLoadFailure.Missing, "no such file");
            if (info.Length > ImageLimits.MaxFileBytes)
                throw new ImageLoadException(path, ImageLoadFailure.TooLarge, $"the file has {info.Length:N0} bytes, the limit is {ImageLimits.MaxFileBytes:N0}");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageLoadException(path, ImageLoadFailure.Missing, "no such file", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ImageLoadException(path, ImageLoadFailure.Unreadable, "permission denied", ex);
        }
        catch (Exception ex) when (ex is IOException or System.Security.SecurityException or NotSupportedException or ArgumentException)
        {
            throw new ImageLoadException(path, ImageLoadFailure.Unreadable, ex.Message, ex);
        }
        return Decode(bytes, path);
    }

    /// <summary>
    /// Decodes an image held in memory; <paramref name="path"/> names it in messages and, for TGA
    /// (which has no signature), its extension selects the format.
    /// </summary>
    /// <exception cref="ImageLoadException">For every way the data can fail to decode.</exception>
    public static DecodedImage Decode(byte[] bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0) throw new ImageLoadException(path, ImageLoadFailure.Empty);
        var format = ImageSniffer.Detect(bytes, path, out bool truncatedSignature);
        if (format is null)
        {
            if (truncatedSignature)
                throw new ImageLoadException(path, ImageLoadFailure.Truncated, $"the file ends after {bytes.Length} bytes, inside the format signature");
            throw new ImageLoadException(path, ImageLoadFailure.NotAnImage, "no PNG, JPEG, GIF, BMP or PSD signature (TGA is recognised by its .tga extension)");
        }

        var header = ReadHeader(bytes, path, format.Value, out var damage);
        if (header is null) throw damage ?? new ImageLoadException(path, ImageLoadFailure.Corrupt, $"{format} header not readable");
        var h = header.Value;
        if (h.Width < 1 || h.Height < 1)
            throw new ImageLoadException(path, ImageLoadFailure.Corrupt, $"{format} header gives a size of {h.Width}×{h.Height}");
        if (!ImageLimits.Accepts(h.Width, h.Height))
            throw new ImageLoadException(path, ImageLoadFailure.TooLarge, $"{h.Width}×{h.Height} exceeds the limit of {ImageLimits.Describe()}");
        if (damage is not null) throw damage;

        ImageResult result;
        using var stream = new EndTrackingStream(bytes);
        try
        {
            result = ImageResult.FromStream(stream, ColorComponents.Default);
        }
        catch (Exception ex)
        {
            // stb reports failures as exceptions carrying its short reason ("bad huffman code",
            // "not enough pixels"); the managed port can also fail with index or null errors on
            // malformed input. All of them mean the data is bad; past-the-end reads mean it is cut short.
            var failure = stream.ReadPastEnd ? ImageLoadFailure.Truncated : ImageLoadFailure.Corrupt;
            throw new ImageLoadException(path, failure, $"{format} decoder: {ex.Message}", ex);
        }
        if (stream.ReadPastEnd)
            throw new ImageLoadException(path, ImageLoadFailure.Truncated, $"{format} decoder needed data past the end of the file ({bytes.Length} bytes)");
        int components = (int)result.Comp;
        if (result.Data is null || result.Width != h.Width || result.Height != h.Height || components is < 1 or > 4
            || result.Data.Length != (long)result.Width * result.Height * components)
            throw new ImageLoadException(path, ImageLoadFailure.Corrupt, $"{format} decoder returned {result.Width}×{result.Height}×{components}, the header says {h.Width}×{h.Height}");
        return new DecodedImage(path, format.Value, h.BitsPerChannel, new PixelImage(result.Width, result.Height, components, result.Data));
    }

    private static ImageHeader? ReadHeader(byte[] bytes, string path, ImageFormat format, out ImageLoadException? damage) => format switch
    {
        ImageFormat.Png => PngStructure.Read(bytes, path, out damage),
        ImageFormat.Jpeg => JpegStructure.Read(bytes, path, out damage),
        ImageFormat.Gif => GifStructure.Read(bytes, path, out damage),
        ImageFormat.Bmp => BmpStructure.Read(bytes, path, out damage),
        ImageFormat.Tga => TgaStructure.Read(bytes, path, out damage),
        ImageFormat.Psd => PsdStructure.Read(bytes, path, out damage),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format"),
    };
}
