namespace RealtimeConv.IO;

/// <summary>A .npy file that cannot be read or written; the one-line message names the file and the reason.</summary>
public sealed class NpyFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public NpyFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The reason alone.</summary>
    public string Problem { get; }
}
