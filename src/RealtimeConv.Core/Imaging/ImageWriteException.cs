namespace RealtimeConv.Imaging;

/// <summary>An image could not be written; the message is one line, <c>"&lt;path&gt;: &lt;reason&gt;"</c>.</summary>
public sealed class ImageWriteException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public ImageWriteException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason.ReplaceLineEndings(" ").Trim()}", inner)
    {
        Path = path;
    }

    /// <summary>The destination as the caller named it.</summary>
    public string Path { get; }
}
