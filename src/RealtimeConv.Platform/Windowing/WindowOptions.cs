namespace RealtimeConv.Platform.Windowing;

/// <summary>How <see cref="Window.Create"/> makes a window and its OpenGL context.</summary>
public sealed record WindowOptions
{
    /// <summary>The title bar text.</summary>
    public string Title { get; init; } = "RealtimeConv";

    /// <summary>The windowed size in screen coordinates.</summary>
    public Extent Size { get; init; } = new(1280, 720);

    /// <summary>Whether buffer swaps wait for the vertical blank (swap interval 1).</summary>
    public bool VSync { get; init; } = true;

    /// <summary>Whether the window is shown when created (hidden windows still have a working context).</summary>
    public bool Visible { get; init; } = true;

    /// <summary>Whether the window starts fullscreen on the primary monitor.</summary>
    public bool Fullscreen { get; init; }

    /// <summary>
    /// The OpenGL version asked for: a core, forward-compatible profile of at least this version
    /// (drivers hand out their highest compatible version, e.g. 4.5 for 4.3).
    /// </summary>
    public int GlMajor { get; init; } = 4;

    /// <summary>The minor part of the OpenGL version asked for.</summary>
    public int GlMinor { get; init; } = 3;
}
