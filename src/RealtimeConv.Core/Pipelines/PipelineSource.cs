namespace RealtimeConv.Pipelines;

/// <summary>Turns what a user types after <c>--pipeline</c> into a <see cref="Pipeline"/>.</summary>
public static class PipelineSource
{
    /// <summary>
    /// A path to a .json pipeline file (anything ending in .json, containing a directory separator, or an
    /// existing file), otherwise a preset spec such as <c>edges</c> or <c>random:m=32,n=32,k=3</c>.
    /// </summary>
    /// <exception cref="PipelineFileException">The file or preset cannot be loaded; the message is one line.</exception>
    public static Pipeline Load(string specOrPath)
    {
        if (string.IsNullOrWhiteSpace(specOrPath))
            throw new PipelineFileException("(empty)", null, $"no pipeline given (a .json file or one of {string.Join(", ", PresetCatalog.Names)})");
        bool looksLikeFile = specOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || specOrPath.Contains(Path.DirectorySeparatorChar) || specOrPath.Contains(Path.AltDirectorySeparatorChar)
            || File.Exists(specOrPath);
        if (looksLikeFile) return PipelineFile.Load(specOrPath);
        if (!PresetCatalog.IsPreset(specOrPath))
            throw new PipelineFileException(specOrPath, null, $"no such pipeline file, and not a preset (known: {string.Join(", ", PresetCatalog.Names)})");
        return PresetCatalog.Build(specOrPath);
    }
}
