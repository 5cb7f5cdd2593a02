using RealtimeConv.Viewer.Compute;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Viewer.Streaming;
using RealtimeConv.Visualization;

namespace RealtimeConv.Viewer.Loop;

/// <summary>The validated settings of one <c>rtconv view</c>.</summary>
public sealed record ViewerOptions
{
    /// <summary>Image files and folders, as typed.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>The preset specs P cycles through; the first is shown first.</summary>
    public IReadOnlyList<string> Presets { get; init; } = ["edges", "mobilenet", "random"];

    /// <summary>Kernel side the presets are built with first (K cycles 3 → 5 → 7).</summary>
    public int Kernel { get; init; } = 3;

    /// <summary>Where the convolutions run.</summary>
    public BackendChoice Backend { get; init; } = BackendChoice.Auto;

    /// <summary>The first view mode.</summary>
    public ViewMode Mode { get; init; } = ViewMode.SideBySide;

    /// <summary>How images advance: held until a key, a slideshow, or a sequence played as video.</summary>
    public PlaybackMode Playback { get; init; } = PlaybackMode.Hold;

    /// <summary>Seconds per image (slideshow) or per frame of the sequence (1 / fps).</summary>
    public double PlaybackSeconds { get; init; }

    /// <summary>Pick up images added to the folders while running.</summary>
    public bool Watch { get; init; }

    /// <summary>Longer image side after downscaling, so that compute stays real-time.</summary>
    public int MaxSide { get; init; } = 1024;

    /// <summary>Quit after this many frames (tests, measurements); null runs until closed.</summary>
    public int? Frames { get; init; }

    /// <summary>Save the last frame here as PNG on exit, or null.</summary>
    public string? ScreenshotPath { get; init; }

    /// <summary>Where S writes its PNG files.</summary>
    public string ScreenshotFolder { get; init; } = "screenshots";

    /// <summary>Print frame-time statistics on exit.</summary>
    public bool Stats { get; init; }

    /// <summary>Wait for the display's refresh between frames.</summary>
    public bool VSync { get; init; } = true;

    /// <summary>Initial window size in pixels.</summary>
    public (int Width, int Height) WindowSize { get; init; } = (1280, 720);

    /// <summary>Start fullscreen.</summary>
    public bool Fullscreen { get; init; }

    /// <summary>Per-channel or global tile normalisation.</summary>
    public ChannelNormalization Normalization { get; init; } = ChannelNormalization.PerChannel;

    /// <summary>Where the shaders are read from (R reloads them from there); null: next to the program.</summary>
    public string? ShaderFolder { get; init; }
}
