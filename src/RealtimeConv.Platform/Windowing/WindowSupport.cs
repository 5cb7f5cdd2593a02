using RealtimeConv.Platform.Glfw;

namespace RealtimeConv.Platform.Windowing;

/// <summary>Says, before trying, whether a window can be made here.</summary>
public static class WindowSupport
{
    /// <summary>
    /// Null when a window can be made; otherwise one line saying why not: the GLFW library is missing,
    /// there is no display to connect to, or GLFW's own initialisation error.
    /// </summary>
    public static string? WhyUnavailable() => WhyUnavailable(GlfwLibrary.DefaultName);

    /// <summary><see cref="WhyUnavailable()"/> with the library file named (tests name a missing one).</summary>
    internal static string? WhyUnavailable(string libraryName)
    {
        using var glfw = GlfwLibrary.TryLoad(libraryName, out string? missing);
        if (glfw is null) return missing;
        if (NoDisplay() is { } noDisplay) return noDisplay;
        // A live window means GLFW is up and working; initialising and terminating here would destroy it.
        if (glfw.IsInitialized()) return null;
        return glfw.Initialize() ? null : glfw.LastError("glfwInit failed");
    }

    /// <summary>The "no display" reason, or null when DISPLAY or WAYLAND_DISPLAY names one.</summary>
    internal static string? NoDisplay()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) return null;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"))) return null;
        return "no display: DISPLAY and WAYLAND_DISPLAY are unset (run in a desktop session, or start Xvfb and set DISPLAY)";
    }
}
