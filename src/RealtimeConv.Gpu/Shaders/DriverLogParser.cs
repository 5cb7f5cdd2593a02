using System.Text.RegularExpressions;

namespace RealtimeConv.Gpu.Shaders;

/// <summary>
/// Finds the first error in a GLSL compiler log and its line in the assembled source. Drivers
/// disagree on the format:
/// Mesa <c>0:12(5): error: msg</c>, NVIDIA <c>0(12) : error C1008: msg</c>, AMD <c>ERROR: 0:12: msg</c>.
/// </summary>
public static partial class DriverLogParser
{
    /// <summary>The first error's line (0 when none is named) and message; the whole log when no line matches.</summary>
    public static (int Line, string Message) FirstError(string log)
    {
        string? fallback = null;
        foreach (var raw in log.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0) continue;
            var m = Mesa().Match(line);
            if (m.Success) return (int.Parse(m.Groups[1].Value), m.Groups[2].Value.Trim());
            m = Nvidia().Match(line);
            if (m.Success) return (int.Parse(m.Groups[1].Value), m.Groups[2].Value.Trim());
            m = Amd().Match(line);
            if (m.Success) return (int.Parse(m.Groups[1].Value), m.Groups[2].Value.Trim());
            fallback ??= line.Contains("error", StringComparison.OrdinalIgnoreCase) ? line : null;
        }
        return (0, fallback ?? log.Trim());
    }

    [GeneratedRegex(@"^\d+:(\d+)\(\d+\):\s*(error:.*)$")]
    private static partial Regex Mesa();

    [GeneratedRegex(@"^\d+\((\d+)\)\s*:\s*(error.*)$")]
    private static partial Regex Nvidia();

    [GeneratedRegex(@"^ERROR:\s*\d+:(\d+):\s*(.*)$")]
    private static partial Regex Amd();
}
