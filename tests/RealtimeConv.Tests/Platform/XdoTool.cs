using System.Diagnostics;
using System.Globalization;

namespace RealtimeConv.Tests.Platform;

/// <summary>
/// xdotool and ImageMagick's <c>import</c> driven against one Xvfb display: find a window, type into it,
/// resize it, photograph it. Every child gets DISPLAY in its own environment.
/// </summary>
public sealed class XdoTool(XvfbDisplay display)
{
    /// <summary>The display the tools talk to.</summary>
    public XvfbDisplay Display { get; } = display;

    /// <summary>The id of the first visible window whose name is exactly <paramref name="title"/>, waiting until one appears.</summary>
    public string FindWindowByName(string title) =>
        FirstId(Xdotool("search", "--sync", "--onlyvisible", "--name", $"^{System.Text.RegularExpressions.Regex.Escape(title)}$"), $"window named '{title}'");

    /// <summary>The id of the first visible window of process <paramref name="pid"/>, waiting until one appears (GLFW sets _NET_WM_PID).</summary>
    public string FindWindowByPid(int pid) =>
        FirstId(Xdotool("search", "--sync", "--onlyvisible", "--pid", pid.ToString(CultureInfo.InvariantCulture)), $"window of process {pid}");

    /// <summary>Presses and releases <paramref name="keysym"/> (an X keysym name: "Right", "k", "1", "Escape") in <paramref name="windowId"/>.</summary>
    public void PressKey(string windowId, string keysym) => Xdotool(KeyArguments(windowId, keysym));

    /// <summary>
    /// The xdotool arguments that deliver a key to a window on a server with no window manager:
    /// focus it (XSetInputFocus, waiting until it has focus), then send the key through XTEST, which
    /// the server routes to the focused window as a real key event.
    /// </summary>
    public static string[] KeyArguments(string windowId, string keysym) =>
        ["windowfocus", "--sync", windowId, "key", "--delay", "20", keysym];

    /// <summary>
    /// Sends <paramref name="keysym"/> straight to <paramref name="windowId"/> with XSendEvent
    /// (<c>xdotool key --window ID</c>): works without focus; GLFW does not ignore sent events.
    /// </summary>
    public void SendKey(string windowId, string keysym) => Xdotool("key", "--window", windowId, keysym);

    /// <summary>Resizes <paramref name="windowId"/> to <paramref name="width"/>×<paramref name="height"/> (no WM, so the server applies it as asked).</summary>
    public void Resize(string windowId, int width, int height) =>
        Xdotool("windowsize", windowId, width.ToString(CultureInfo.InvariantCulture), height.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Saves <paramref name="windowIdOrRoot"/> (a window id, or "root" for the whole screen) of
    /// <paramref name="display"/> as a PNG at <paramref name="pngPath"/> with ImageMagick's import.
    /// </summary>
    public static void ScreenShot(XvfbDisplay display, string windowIdOrRoot, string pngPath)
    {
        string import = ToolProcess.Find("import")
            ?? throw new InvalidOperationException($"ImageMagick's import is not installed: apt-get install {XvfbDisplay.Packages}");
        ToolProcess.Run(display.DisplayName, import, ["-display", display.DisplayName, "-window", windowIdOrRoot, pngPath]);
    }

    /// <summary>Runs xdotool with <paramref name="arguments"/> and returns its output.</summary>
    public string Xdotool(params string[] arguments)
    {
        string xdotool = ToolProcess.Find("xdotool")
            ?? throw new InvalidOperationException($"xdotool is not installed: apt-get install {XvfbDisplay.Packages}");
        return ToolProcess.Run(Display.DisplayName, xdotool, arguments);
    }

    /// <summary>Starts xdotool without waiting (for a window that must keep polling events meanwhile).</summary>
    public Process Start(params string[] arguments)
    {
        string xdotool = ToolProcess.Find("xdotool")
            ?? throw new InvalidOperationException($"xdotool is not installed: apt-get install {XvfbDisplay.Packages}");
        var info = ToolProcess.StartInfo(Display.DisplayName, xdotool, arguments);
        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;
        return Process.Start(info) ?? throw new InvalidOperationException("xdotool could not start");
    }

    private static string FirstId(string output, string what) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? throw new InvalidOperationException($"xdotool found no {what}");
}
