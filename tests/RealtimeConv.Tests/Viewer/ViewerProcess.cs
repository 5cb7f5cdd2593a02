using System.Diagnostics;
using System.Text;

namespace RealtimeConv.Tests.Viewer;

/// <summary>
/// A real `rtconv view` process on a given X display, its stdout followed line by line so a test can
/// wait for the log line each action promises ("view: mode=standard"). Killed on dispose if still running.
/// </summary>
public sealed class ViewerProcess : IDisposable
{
    /// <summary>How long one expected line may take: the first frame includes JIT, font rasterising and shader compiles on llvmpipe.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _read;

    private ViewerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_lines) _lines.Add(e.Data);
            _arrived.Release();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts rtconv (built beside the tests) with <paramref name="arguments"/> and DISPLAY=<paramref name="display"/> (null: no display at all).</summary>
    public static ViewerProcess Start(string? display, params string[] arguments)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rtconv.dll"));
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        if (display is null)
        {
            info.Environment.Remove("DISPLAY");
            info.Environment.Remove("WAYLAND_DISPLAY");
        }
        else
        {
            info.Environment["DISPLAY"] = display;
        }
        return new ViewerProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start rtconv"));
    }

    /// <summary>The process id (xdotool finds its window by it).</summary>
    public int Id => _process.Id;

    /// <summary>Every stdout line so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    /// <summary>stderr so far.</summary>
    public string Errors
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>
    /// Waits for the next line (after the last one a wait returned) that satisfies <paramref name="match"/>
    /// and returns it; fails with the whole log when it does not come or the process exits first.
    /// </summary>
    public string WaitFor(Func<string, bool> match, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            lock (_lines)
            {
                for (; _read < _lines.Count; _read++)
                {
                    if (!match(_lines[_read])) continue;
                    return _lines[_read++];
                }
            }
            if (deadline.Elapsed > Patience) Assert.Fail($"rtconv view never logged {what} in {Patience.TotalSeconds:0} s\n{Transcript()}");
            if (_process.HasExited && !_arrived.Wait(200))
            {
                lock (_lines) if (_read >= _lines.Count) Assert.Fail($"rtconv view exited ({_process.ExitCode}) before logging {what}\n{Transcript()}");
            }
            _arrived.Wait(250);
        }
    }

    /// <summary>Waits for a line starting with <paramref name="prefix"/>.</summary>
    public string WaitFor(string prefix) => WaitFor(line => line.StartsWith(prefix, StringComparison.Ordinal), $"'{prefix}…'");

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(Patience)) Assert.Fail($"rtconv view did not exit in {Patience.TotalSeconds:0} s\n{Transcript()}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Everything it wrote, for failure messages.</summary>
    public string Transcript() => $"stdout:\n{string.Join('\n', Lines)}\nstderr:\n{Errors}";

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _arrived.Dispose();
    }
}
