namespace RealtimeConv.Gpu.Shaders;

/// <summary>
/// A compute shader's text as handed to the driver — the <c>#version</c> line, the injected
/// <c>#define</c>s, then the file with its includes inlined — and, for every line of that text, the
/// file and line it came from, so a driver's error can point back at the .comp or .glsl file.
/// </summary>
/// <param name="File">The shader's file name, e.g. "depthwise.comp".</param>
/// <param name="Text">The assembled source.</param>
/// <param name="Origins">Origin of each assembled line (index 0 is line 1); injected defines come from "(defines)".</param>
/// <param name="Files">Every file the text was read from (the shader and its includes), for hot reload.</param>
public sealed record ShaderSource(string File, string Text, IReadOnlyList<(string File, int Line)> Origins, IReadOnlySet<string> Files)
{
    /// <summary>The origin of assembled line <paramref name="line"/> (1-based), or the shader's own file when out of range.</summary>
    public (string File, int Line) Origin(int line) =>
        line >= 1 && line <= Origins.Count ? Origins[line - 1] : (File, line);

    /// <summary>The assembled line <paramref name="line"/> (1-based), or "" when out of range.</summary>
    public string LineText(int line)
    {
        var lines = Text.Split('\n');
        return line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : "";
    }
}
