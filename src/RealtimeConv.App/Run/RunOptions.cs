using RealtimeConv.Pipelines;
using RealtimeConv.Visualization;

namespace RealtimeConv.App.Run;

/// <summary>The validated settings of one <c>rtconv run</c>.</summary>
/// <param name="Inputs">Image files and folders, as typed.</param>
/// <param name="OutputFolder">Where outputs go (created when missing).</param>
/// <param name="PipelineSpec">A pipeline .json file or a preset spec.</param>
/// <param name="Modes">The modes to run, in order.</param>
/// <param name="BackendName">A <see cref="Backends.BackendCatalog"/> name.</param>
/// <param name="Save">What to write per image and mode.</param>
/// <param name="Normalization">How grid tiles are scaled.</param>
/// <param name="Overwrite">Replace existing outputs instead of keeping them.</param>
/// <param name="Jobs">Images computed at once (CPU backends only), each by its own worker.</param>
/// <param name="PlotPath">Where <c>--plot</c> draws the time per image and mode, or null.</param>
/// <param name="Resume">Keep only existing outputs that read back complete (a PNG that decodes, an .npy that parses); redo the rest.</param>
internal sealed record RunOptions(
    IReadOnlyList<string> Inputs,
    string OutputFolder,
    string PipelineSpec,
    IReadOnlyList<ConvMode> Modes,
    string BackendName,
    RunSaveKinds Save,
    ChannelNormalization Normalization,
    bool Overwrite,
    int Jobs = 1,
    bool Resume = false,
    string? PlotPath = null)
{
    /// <summary>The mode as it appears in output names and reports: "standard", "separable".</summary>
    public static string ModeName(ConvMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary><c>--mode</c>: standard, separable or both (standard first).</summary>
    public static IReadOnlyList<ConvMode> ParseModes(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "standard" => [ConvMode.Standard],
        "separable" => [ConvMode.Separable],
        "both" => [ConvMode.Standard, ConvMode.Separable],
        _ => throw new RunUsageException($"--mode '{text}' is not one of standard, separable, both"),
    };

    /// <summary><c>--save</c>: a comma-separated subset of grid, channels, npy; at least one.</summary>
    public static RunSaveKinds ParseSave(string? text)
    {
        var kinds = RunSaveKinds.None;
        foreach (string part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            kinds |= part.ToLowerInvariant() switch
            {
                "grid" => RunSaveKinds.Grid,
                "npy" => RunSaveKinds.Npy,
                "channels" => RunSaveKinds.Channels,
                _ => throw new RunUsageException($"--save '{text}': '{part}' is not one of grid, channels, npy"),
            };
        }
        return kinds == RunSaveKinds.None ? throw new RunUsageException("--save names nothing to write (grid, channels, npy)") : kinds;
    }

    /// <summary><c>--jobs</c>: 1 or more.</summary>
    public static int ParseJobs(int jobs) =>
        jobs >= 1 ? jobs : throw new RunUsageException($"--jobs {jobs}: expected 1 or more images at once");

    /// <summary><c>--normalize</c>: channel (each tile its own range) or global (one range).</summary>
    public static ChannelNormalization ParseNormalization(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "channel" => ChannelNormalization.PerChannel,
        "global" => ChannelNormalization.Global,
        _ => throw new RunUsageException($"--normalize '{text}' is not one of channel, global"),
    };
}
