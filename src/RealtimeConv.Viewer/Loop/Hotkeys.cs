using RealtimeConv.Platform.Input;

namespace RealtimeConv.Viewer.Loop;

/// <summary>
/// The one table of hotkeys: the key handler, the help overlay and the README all read it, so they cannot
/// disagree.
/// </summary>
public static class Hotkeys
{
    /// <summary>A binding: the keys, how the help overlay names them, and what they do.</summary>
    public sealed record Binding(Key[] Keys, string KeyText, ViewerCommand Command, string Description);

    /// <summary>Every binding, in the order the help overlay lists them.</summary>
    public static IReadOnlyList<Binding> All { get; } =
    [
        new([Key.Number1], "1", ViewerCommand.ShowStandard, "standard chain only"),
        new([Key.Number2], "2", ViewerCommand.ShowSeparable, "separable chain only"),
        new([Key.Number3], "3", ViewerCommand.ShowSideBySide, "both, side by side"),
        new([Key.B], "B", ViewerCommand.SwitchBackend, "switch compute backend GPU / CPU"),
        new([Key.Left], "Left", ViewerCommand.PreviousImage, "previous image"),
        new([Key.Right], "Right", ViewerCommand.NextImage, "next image"),
        new([Key.Space], "Space", ViewerCommand.TogglePause, "pause / resume playback"),
        new([Key.P], "P", ViewerCommand.NextPreset, "next preset pipeline"),
        new([Key.K], "K", ViewerCommand.CycleKernel, "kernel size 3 / 5 / 7 (weights rebuilt)"),
        new([Key.L], "L", ViewerCommand.NextLayer, "next layer (block) shown"),
        new([Key.N], "N", ViewerCommand.CycleNormalization, "normalise per channel / globally"),
        new([Key.D], "D", ViewerCommand.ToggleDifference, "difference map std - sep"),
        new([Key.V], "V", ViewerCommand.Verify, "verify this frame against the CPU reference"),
        new([Key.R], "R", ViewerCommand.ReloadShaders, "reload shaders from disk"),
        new([Key.S], "S", ViewerCommand.Screenshot, "save screenshot + channel grids (PNG)"),
        new([Key.F], "F", ViewerCommand.ToggleFullscreen, "fullscreen"),
        new([Key.H, Key.F1], "H / F1", ViewerCommand.ToggleHelp, "this help"),
        new([Key.Escape, Key.Q], "Esc / Q", ViewerCommand.Quit, "quit"),
    ];

    /// <summary>The command bound to <paramref name="key"/>, or null.</summary>
    public static ViewerCommand? For(Key key)
    {
        foreach (var binding in All)
            if (Array.IndexOf(binding.Keys, key) >= 0) return binding.Command;
        return null;
    }
}
