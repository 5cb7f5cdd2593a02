namespace RealtimeConv.Viewer.Loop;

/// <summary>What a hotkey asks the viewer to do.</summary>
public enum ViewerCommand
{
    /// <summary>Show the standard chain only.</summary>
    ShowStandard,
    /// <summary>Show the separable chain only.</summary>
    ShowSeparable,
    /// <summary>Show both, side by side.</summary>
    ShowSideBySide,
    /// <summary>Switch the compute backend GPU ⇄ CPU.</summary>
    SwitchBackend,
    /// <summary>Previous image.</summary>
    PreviousImage,
    /// <summary>Next image.</summary>
    NextImage,
    /// <summary>Pause or resume playback.</summary>
    TogglePause,
    /// <summary>Next preset pipeline.</summary>
    NextPreset,
    /// <summary>Kernel size 3 → 5 → 7 → 3.</summary>
    CycleKernel,
    /// <summary>Show the next block's output.</summary>
    NextLayer,
    /// <summary>Per-channel ⇄ global normalisation.</summary>
    CycleNormalization,
    /// <summary>Show the std − sep difference map instead of the separable panel.</summary>
    ToggleDifference,
    /// <summary>Check the current frame against the CPU reference kernels.</summary>
    Verify,
    /// <summary>Recompile the shaders from disk.</summary>
    ReloadShaders,
    /// <summary>Save the frame and both channel grids as PNG.</summary>
    Screenshot,
    /// <summary>Fullscreen on or off.</summary>
    ToggleFullscreen,
    /// <summary>Show or hide the help overlay.</summary>
    ToggleHelp,
    /// <summary>Quit.</summary>
    Quit,
}
