namespace RealtimeConv.Viewer.Display;

/// <summary>Which conv modes the viewer shows (hotkeys 1, 2, 3).</summary>
public enum ViewMode
{
    /// <summary>Only the standard K×K convolution's output channels.</summary>
    Standard,

    /// <summary>Only the depthwise-separable pipeline's output channels.</summary>
    Separable,

    /// <summary>Both, side by side in two panels of equal size.</summary>
    SideBySide,
}
