using System.Diagnostics;

namespace RealtimeConv.Tests.Platform;

/// <summary>Runs an X11 tool (xdotool, import, xdpyinfo) against one display and returns its output.</summary>
public static class ToolProcess
{
    /// <summary>How long one tool call may take before it is killed; generous for a loaded CI machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs <paramref name="file"/> with DISPLAY set to <paramref name="display"/> in the child's own
    /// environment; throws with the command line and stderr when it fails or times out.
    /// </summary>
    public static string Run(string display, string file, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = StartInfo(display, file, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        string commandLine = $"DISPLAY={display} {file} {string.Join(' ', info.ArgumentList)}";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{commandLine}: could not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{commandLine}: no answer within {(timeout ?? DefaultTimeout).TotalSeconds:0} s ({stderr.Result.Trim()})");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{commandLine}: exit code {process.ExitCode}: {stderr.Result.Trim()}");
        return stdout.Result;
    }

    /// <summary>A start info for <paramref name="file"/> with DISPLAY set for the child only.</summary>
    public static ProcessStartInfo StartInfo(string display, string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["DISPLAY"] = display;
        return info;
    }

    /// <summary>The full path of <paramref name="file"/> on PATH, or null.</summary>
    public static string? Find(string file)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string path = Path.Combine(directory, file);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
