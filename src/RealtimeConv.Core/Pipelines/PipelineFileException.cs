namespace RealtimeConv.Pipelines;

/// <summary>
/// A pipeline file or preset that cannot be loaded. The one-line message names the source (file path
/// or preset spec), the JSON path where there is one, and the problem.
/// </summary>
public sealed class PipelineFileException : Exception
{
    /// <summary>Creates the exception; <paramref name="jsonPath"/> may be null when the problem is not at one place.</summary>
    public PipelineFileException(string source, string? jsonPath, string problem, Exception? inner = null)
        : base(jsonPath is null ? $"{source}: {problem}" : $"{source}: {jsonPath}: {problem}", inner)
    {
        SourceName = source;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>The file path or preset spec.</summary>
    public string SourceName { get; }

    /// <summary>Where in the JSON, e.g. "$.blocks[1].pointwise.weights"; null when not applicable.</summary>
    public string? JsonPath { get; }

    /// <summary>The problem alone.</summary>
    public string Problem { get; }
}
