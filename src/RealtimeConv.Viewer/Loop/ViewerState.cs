using RealtimeConv.Viewer.Compute;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Visualization;

namespace RealtimeConv.Viewer.Loop;

/// <summary>
/// What the user has chosen (the keys change it, the frame reads it). Every setter that changes a value
/// writes one log line, so the log is a complete history of the state.
/// </summary>
public sealed class ViewerState(ViewerLog log, ViewerOptions options)
{
    /// <summary>The kernel sizes K cycles through.</summary>
    public static readonly int[] KernelCycle = [3, 5, 7];

    private ViewMode _mode = options.Mode;
    private ComputeBackendKind _backend;
    private int _preset;
    private int _kernel = options.Kernel;
    private int _block;
    private ChannelNormalization _normalization = options.Normalization;
    private bool _difference;
    private bool _paused;
    private bool _help;

    /// <summary>Which panels are shown.</summary>
    public ViewMode Mode { get => _mode; set => Set(ref _mode, value, "mode", ModeName(value)); }

    /// <summary>Where the convolutions run (as asked; the compute stage may fall back, and says so).</summary>
    public ComputeBackendKind Backend { get => _backend; set => Set(ref _backend, value, "backend", value.ToString().ToLowerInvariant()); }

    /// <summary>Index into <see cref="ViewerOptions.Presets"/>.</summary>
    public int Preset { get => _preset; set => Set(ref _preset, value, "preset", options.Presets[value]); }

    /// <summary>The preset spec now shown.</summary>
    public string PresetSpec => options.Presets[_preset];

    /// <summary>Kernel side the preset is built with.</summary>
    public int Kernel { get => _kernel; set => Set(ref _kernel, value, "kernel", value); }

    /// <summary>The block whose output is shown (0-based).</summary>
    public int Block { get => _block; set => Set(ref _block, value, "layer", value + 1); }

    /// <summary>Tile normalisation.</summary>
    public ChannelNormalization Normalization
    {
        get => _normalization;
        set => Set(ref _normalization, value, "normalization", value == ChannelNormalization.Global ? "global" : "channel");
    }

    /// <summary>Whether the second panel shows std − sep instead of the separable outputs.</summary>
    public bool Difference { get => _difference; set => Set(ref _difference, value, "difference", value ? "on" : "off"); }

    /// <summary>Whether playback is paused.</summary>
    public bool Paused { get => _paused; set => Set(ref _paused, value, "paused", value ? "on" : "off"); }

    /// <summary>Whether the help overlay is shown.</summary>
    public bool Help { get => _help; set => Set(ref _help, value, "help", value ? "on" : "off"); }

    /// <summary>Whether the standard chain must run this frame.</summary>
    public bool ShowsStandard => _mode != ViewMode.Separable;

    /// <summary>Whether the separable chain must run this frame (the difference map needs both).</summary>
    public bool ShowsSeparable => _mode != ViewMode.Standard;

    /// <summary>Sets the backend without a log line (the start-up choice is logged with its reason).</summary>
    public void InitialBackend(ComputeBackendKind backend) => _backend = backend;

    /// <summary>The next kernel size after <paramref name="kernel"/> in <see cref="KernelCycle"/> (3 when it is not in it).</summary>
    public static int NextKernel(int kernel)
    {
        int at = Array.IndexOf(KernelCycle, kernel);
        return KernelCycle[(at + 1) % KernelCycle.Length];
    }

    /// <summary>"standard", "separable", "side-by-side".</summary>
    public static string ModeName(ViewMode mode) => mode switch
    {
        ViewMode.Standard => "standard",
        ViewMode.Separable => "separable",
        _ => "side-by-side",
    };

    private void Set<T>(ref T field, T value, string key, object shown)
    {
        if (EqualityComparer<T>.Default.Equals(field, value)) return;
        field = value;
        log.Change(key, shown);
    }
}
