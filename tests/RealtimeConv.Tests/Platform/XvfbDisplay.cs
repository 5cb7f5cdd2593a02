using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace RealtimeConv.Tests.Platform;

/// <summary>
/// A private X server (Xvfb, 1280×800×24, no TCP, no reset between clients) on a free display number,
/// for the window tests and the viewer's end-to-end test. Usable as an xunit collection fixture. Without
/// Xvfb installed the constructor throws, so every test that needs a display FAILS naming the packages.
/// </summary>
public sealed class XvfbDisplay : IDisposable
{
    /// <summary>The Debian packages the window tests need.</summary>
    public const string Packages = "xvfb libglfw3 xdotool imagemagick";

    /// <summary>The screen every display is started with.</summary>
    public const int ScreenWidth = 1280, ScreenHeight = 800;

    /// <summary>How long the server may take to answer; generous for a loaded machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the server may take to exit on SIGTERM before it is killed.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private const int SIGTERM = 15;

    private const string SocketDirectory = "/tmp/.X11-unix";
    private const int FirstNumber = 90, LastNumber = 400;

    private readonly Process _server;
    private readonly StringBuilder _log;

    /// <summary>Starts Xvfb on the first free display number from :90 up and waits until it answers.</summary>
    public XvfbDisplay()
        : this("Xvfb")
    {
    }

    /// <summary>
    /// Starts the server program named <paramref name="executable"/> (tests name a missing one) on the first free
    /// display number from <paramref name="firstNumber"/> up.
    /// </summary>
    internal XvfbDisplay(string executable, int firstNumber = FirstNumber)
    {
        string xvfb = ToolProcess.Find(executable)
            ?? throw new InvalidOperationException($"{executable} is not installed: apt-get install {Packages}");
        var failures = new List<string>();
        // A number can be taken between the check and Xvfb's start (another test run); then try the next.
        for (int number = firstNumber; number <= LastNumber && failures.Count < 5; number++)
        {
            if (InUse(number)) continue;
            var server = TryStart(xvfb, number, out var log, out string? failure);
            if (server is not null)
            {
                _server = server;
                _log = log;
                Number = number;
                return;
            }
            failures.Add(failure!);
        }
        throw new InvalidOperationException($"Xvfb did not start: {string.Join("; ", failures)}");
    }

    /// <summary>The display number N.</summary>
    public int Number { get; }

    /// <summary>The display name, ":N", for DISPLAY.</summary>
    public string DisplayName => $":{Number}";

    /// <summary>
    /// Points this process's DISPLAY (managed and native) at this server, as GLFW reads it in glfwInit,
    /// after checking that the server is still running.
    /// </summary>
    public void UseForThisProcess()
    {
        EnsureRunning();
        ProcessEnvironment.Set("DISPLAY", DisplayName);
    }

    /// <summary>Throws, with Xvfb's last words, when the server has exited (or was killed by someone else).</summary>
    public void EnsureRunning()
    {
        if (!_server.HasExited) return;
        lock (_log) throw new InvalidOperationException($"Xvfb {DisplayName} exited with code {_server.ExitCode} ({LastLine(_log.ToString())})");
    }

    /// <summary>
    /// Stops the server with SIGTERM, so that it removes its lock file and socket, and kills it if it has
    /// not gone within <see cref="StopTimeout"/>.
    /// </summary>
    public void Dispose()
    {
        if (!_server.HasExited)
        {
            if (kill(_server.Id, SIGTERM) != 0 || !_server.WaitForExit(StopTimeout)) _server.Kill();
            _server.WaitForExit();
        }
        _server.Dispose();
    }

    /// <summary>
    /// Whether display <paramref name="number"/> is taken: its lock file names a live process. A lock
    /// left by a server that died (killed with SIGKILL, a crashed run) is stale; Xvfb replaces it itself.
    /// </summary>
    private static bool InUse(int number)
    {
        string lockFile = LockFile(number);
        if (!File.Exists(lockFile)) return File.Exists(SocketPath(number)) && Answers(number);
        try
        {
            return !int.TryParse(File.ReadAllText(lockFile).Trim(), out int pid) || Directory.Exists($"/proc/{pid}");
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static Process? TryStart(string xvfb, int number, out StringBuilder stderr, out string? failure)
    {
        var info = new ProcessStartInfo(xvfb)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        // -noreset: by default the server resets whenever its last client disconnects (every disposed
        // window), and a window opened during the reset fails with "Failed to open display".
        foreach (string argument in new[] { $":{number}", "-screen", "0", $"{ScreenWidth}x{ScreenHeight}x24", "-nolisten", "tcp", "-noreset" })
            info.ArgumentList.Add(argument);
        var server = Process.Start(info)!;
        var log = new StringBuilder();
        stderr = log;
        // Xvfb logs to stderr; drain it so it can never block on a full pipe, and keep it for errors.
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        server.OutputDataReceived += (_, _) => { };
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (server.HasExited)
            {
                server.WaitForExit();
                lock (stderr) failure = $":{number} exited with code {server.ExitCode} ({LastLine(stderr.ToString())})";
                server.Dispose();
                return null;
            }
            if (Answers(number))
            {
                failure = null;
                return server;
            }
            Thread.Sleep(50);
        }
        server.Kill();
        server.WaitForExit();
        server.Dispose();
        failure = $":{number} did not answer within {StartTimeout.TotalSeconds:0} s";
        return null;
    }

    /// <summary>Whether the server accepts a connection on its Unix socket (it listens once it is ready).</summary>
    private static bool Answers(int number)
    {
        if (!File.Exists(SocketPath(number))) return false;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath(number)));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private static string LockFile(int number) => $"/tmp/.X{number}-lock";

    private static string SocketPath(int number) => $"{SocketDirectory}/X{number}";
}
