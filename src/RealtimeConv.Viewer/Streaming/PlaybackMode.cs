namespace RealtimeConv.Viewer.Streaming;

/// <summary>How the viewer moves through its images.</summary>
public enum PlaybackMode
{
    /// <summary>Stay on an image until a key moves on (the default).</summary>
    Hold,

    /// <summary>Move on every N seconds (<c>--slideshow N</c>); every image is shown, however slow a frame.</summary>
    Slideshow,

    /// <summary>Play the images as video frames at N per second (<c>--fps N</c>), skipping frames to keep time.</summary>
    Sequence,
}
