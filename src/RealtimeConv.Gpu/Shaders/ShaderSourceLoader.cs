using System.Text;
using System.Text.RegularExpressions;

namespace RealtimeConv.Gpu.Shaders;

/// <summary>
/// Reads a shader from the shader folder: keeps its <c>#version</c> line first, puts the pass's
/// <c>#define</c>s right after it, and inlines <c>#include "file"</c> lines (core GLSL has no include),
/// recording where every line came from.
/// </summary>
public static partial class ShaderSourceLoader
{
    /// <summary>The pseudo-file injected defines are attributed to.</summary>
    public const string DefinesOrigin = "(defines)";

    private const int MaxIncludeDepth = 8;

    /// <summary>Assembles <paramref name="file"/> from <paramref name="directory"/> with <paramref name="defines"/>.</summary>
    /// <exception cref="ShaderCompileException">A file is missing, has no #version, or includes too deeply.</exception>
    public static ShaderSource Load(string directory, string file, ShaderDefines defines)
    {
        var text = new StringBuilder();
        var origins = new List<(string, int)>();
        var files = new HashSet<string>(StringComparer.Ordinal);
        var lines = ReadLines(directory, file, file, 0);
        files.Add(file);
        int versionIndex = lines.FindIndex(l => l.TrimStart().StartsWith("#version", StringComparison.Ordinal));
        if (versionIndex < 0) throw new ShaderCompileException(file, 1, "no #version line", "", "");
        for (int i = 0; i <= versionIndex; i++) Append(lines[i], (file, i + 1));
        int defineLine = 0;
        foreach (var (name, value) in defines.Values) Append($"#define {name} {value}", (DefinesOrigin, ++defineLine));
        for (int i = versionIndex + 1; i < lines.Count; i++) Expand(file, lines[i], i + 1, 0);
        return new ShaderSource(file, text.ToString(), origins, files);

        void Append(string line, (string, int) origin)
        {
            text.Append(line).Append('\n');
            origins.Add(origin);
        }

        void Expand(string fromFile, string line, int lineNumber, int depth)
        {
            var include = IncludePattern().Match(line);
            if (!include.Success) { Append(line, (fromFile, lineNumber)); return; }
            string included = include.Groups[1].Value;
            if (depth >= MaxIncludeDepth) throw new ShaderCompileException(fromFile, lineNumber, $"includes nested deeper than {MaxIncludeDepth} at '{included}'", line, "");
            files.Add(included);
            var includedLines = ReadLines(directory, included, fromFile, lineNumber);
            for (int i = 0; i < includedLines.Count; i++) Expand(included, includedLines[i], i + 1, depth + 1);
        }
    }

    private static List<string> ReadLines(string directory, string file, string fromFile, int fromLine)
    {
        string path = Path.Combine(directory, file);
        try
        {
            return File.ReadAllText(path).Replace("\r\n", "\n").TrimEnd('\n').Split('\n').ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShaderCompileException(fromLine == 0 ? file : fromFile, fromLine, $"cannot read {path}: {e.Message}", "", "");
        }
    }

    [GeneratedRegex("^\\s*#\\s*include\\s+\"([^\"]+)\"\\s*$")]
    private static partial Regex IncludePattern();
}
