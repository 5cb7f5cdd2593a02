using RealtimeConv.Gpu.Context;
using RealtimeConv.Platform.Input;

namespace RealtimeConv.Platform.Windowing;

/// <summary>
/// A desktop window with an OpenGL context and a keyboard, shaped like Silk.NET's <c>IWindow</c>.
/// Every member must be used on the thread that created the window, where its context is current.
/// </summary>
public interface IWindow : IDisposable
{
    /// <summary>The title bar text.</summary>
    string Title { get; set; }

    /// <summary>The window size in screen coordinates.</summary>
    Extent Size { get; }

    /// <summary>The framebuffer size in pixels (differs from <see cref="Size"/> on high-DPI screens).</summary>
    Extent FramebufferSize { get; }

    /// <summary>Whether buffer swaps wait for the vertical blank (setting it makes the window's context current).</summary>
    bool VSync { get; set; }

    /// <summary>
    /// Whether the window covers the primary monitor; setting it back to false restores the windowed
    /// position and size it had before.
    /// </summary>
    bool IsFullscreen { get; set; }

    /// <summary>Whether the window was asked to close (by <see cref="Close"/> or the user).</summary>
    bool IsClosing { get; }

    /// <summary>Seconds since the window system was initialised.</summary>
    double Time { get; }

    /// <summary>The keyboard; its events are raised inside <see cref="DoEvents"/>.</summary>
    IKeyboard Keyboard { get; }

    /// <summary>The window's OpenGL context, current on the thread that created the window.</summary>
    IGlContext GlContext { get; }

    /// <summary>Raised once at the start of <see cref="Run"/>.</summary>
    event Action? Load;

    /// <summary>Raised once per frame before <see cref="Render"/>, with the seconds since the last frame.</summary>
    event Action<double>? Update;

    /// <summary>Raised once per frame after <see cref="Update"/>, with the seconds since the last frame.</summary>
    event Action<double>? Render;

    /// <summary>Raised inside <see cref="DoEvents"/> when the window size (screen coordinates) changes.</summary>
    event Action<Extent>? Resize;

    /// <summary>Raised inside <see cref="DoEvents"/> when the framebuffer size (pixels) changes.</summary>
    event Action<Extent>? FramebufferResize;

    /// <summary>Raised once when <see cref="Run"/> leaves its loop because the window is closing.</summary>
    event Action? Closing;

    /// <summary>
    /// Raises <see cref="Load"/>, then each frame until <see cref="IsClosing"/>: <see cref="DoEvents"/>,
    /// <see cref="Update"/>, <see cref="Render"/>, <see cref="SwapBuffers"/>; then <see cref="Closing"/>.
    /// The loop itself allocates nothing per frame.
    /// </summary>
    void Run();

    /// <summary>Processes pending window and keyboard events, raising their events on this thread.</summary>
    void DoEvents();

    /// <summary>Presents the back buffer.</summary>
    void SwapBuffers();

    /// <summary>Asks the window to close: <see cref="IsClosing"/> becomes true and <see cref="Run"/> returns.</summary>
    void Close();
}
