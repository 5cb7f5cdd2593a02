namespace RealtimeConv.Gpu.Shaders;

/// <summary>
/// A shader that failed to load, compile or link. <see cref="File"/> and <see cref="Line"/> point at
/// the .comp/.glsl file (not at the assembled text the driver saw); the message is one line with the
/// driver's words and the offending source line.
/// </summary>
public sealed class ShaderCompileException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/>:<paramref name="line"/>.</summary>
    public ShaderCompileException(string file, int line, string driverMessage, string sourceLine, string log)
        : base(Format(file, line, driverMessage, sourceLine))
    {
        File = file;
        Line = line;
        DriverMessage = driverMessage;
        SourceLine = sourceLine;
        Log = log;
    }

    /// <summary>The file the error is in, e.g. "depthwise.comp".</summary>
    public string File { get; }

    /// <summary>1-based line in <see cref="File"/>; 0 when the driver named none (link errors).</summary>
    public int Line { get; }

    /// <summary>The driver's message for the first error.</summary>
    public string DriverMessage { get; }

    /// <summary>The text of the offending line ("" when unknown).</summary>
    public string SourceLine { get; }

    /// <summary>The driver's whole info log.</summary>
    public string Log { get; }

    private static string Format(string file, int line, string message, string sourceLine) =>
        $"{file}:{line}: {message}" + (string.IsNullOrWhiteSpace(sourceLine) ? "" : $" | {sourceLine.Trim()}");
}
