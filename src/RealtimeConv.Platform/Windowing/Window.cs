using RealtimeConv.Platform.Glfw;

namespace RealtimeConv.Platform.Windowing;

/// <summary>Makes windows.</summary>
public static class Window
{
    /// <summary>
    /// Opens a window with an OpenGL core context current on the calling thread, or throws
    /// <see cref="PlatformUnavailableException"/> saying what is missing. One window at a time per process.
    /// </summary>
    public static IWindow Create(WindowOptions options) => GlfwWindow.Create(options, GlfwLibrary.DefaultName);
}
