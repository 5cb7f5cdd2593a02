namespace RealtimeConv.Imaging;

/// <summary>
/// An image could not be loaded. The message is one line, <c>"&lt;path&gt;: &lt;reason&gt;[: detail]"</c>,
/// where the reason is the fixed phrase of <see cref="Failure"/> (see <see cref="ReasonText"/>).
/// </summary>
public sealed class ImageLoadException : Exception
{
    /// <summary>Creates the exception; <paramref name="detail"/> is appended after the reason when given.</summary>
    public ImageLoadException(string path, ImageLoadFailure failure, string? detail = null, Exception? inner = null)
        : base(Compose(path, failure, detail), inner)
    {
        Path = path;
        Failure = failure;
    }

    /// <summary>The file (or folder) as the caller named it.</summary>
    public string Path { get; }

    /// <summary>The reason, as a value tests and callers can switch on.</summary>
    public ImageLoadFailure Failure { get; }

    /// <summary>The fixed phrase for each reason, as it appears in the message.</summary>
    public static string ReasonText(ImageLoadFailure failure) => failure switch
    {
        ImageLoadFailure.Missing => "not found",
        ImageLoadFailure.NotAFile => "is a directory, not an image file",
        ImageLoadFailure.Unreadable => "cannot read file",
        ImageLoadFailure.Empty => "empty file (0 bytes)",
        ImageLoadFailure.NotAnImage => "not an image",
        ImageLoadFailure.Truncated => "truncated",
        ImageLoadFailure.Corrupt => "corrupt",
        ImageLoadFailure.TooLarge => "too large",
        _ => failure.ToString(),
    };

    private static string Compose(string path, ImageLoadFailure failure, string? detail)
    {
        string reason = ReasonText(failure);
        // One line, whatever a decoder or the OS put in the detail.
        string text = string.IsNullOrWhiteSpace(detail) ? reason : $"{reason}: {detail.ReplaceLineEndings(" ").Trim()}";
        return $"{path}: {text}";
    }
}
