namespace RealtimeConv.Viewer.Streaming;

/// <summary>
/// The viewer cannot start on what it was given: a missing path, an unreadable folder, or no images at
/// all. The message is one line, <c>"&lt;path&gt;: &lt;reason&gt;"</c>, fit to print before exiting.
/// </summary>
public sealed class ViewerInputException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> and its one-line <paramref name="reason"/>.</summary>
    public ViewerInputException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason.ReplaceLineEndings(" ").Trim()}", inner)
    {
        Path = path;
    }

    /// <summary>The file or folder as the user named it.</summary>
    public string Path { get; }
}
