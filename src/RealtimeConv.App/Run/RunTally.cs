namespace RealtimeConv.App.Run;

/// <summary>What one <c>rtconv run</c> did so far, for its closing summary. Owned by that run.</summary>
internal sealed class RunTally
{
    /// <summary>Images computed (at least one output written).</summary>
    public int Computed { get; set; }

    /// <summary>Images skipped because every output already existed.</summary>
    public int AllKept { get; set; }

    /// <summary>Files written.</summary>
    public int Written { get; set; }

    /// <summary>Existing files left as they were (no <c>--overwrite</c>).</summary>
    public int Kept { get; set; }

    /// <summary>One-line errors of the inputs that failed, in order.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Per mode, the summed time of the computed images, in milliseconds.</summary>
    public Dictionary<Pipelines.ConvMode, double> Milliseconds { get; } = [];

    /// <summary>Largest difference between the modes over all computed images (when both ran).</summary>
    public float MaxDifference { get; set; }
}
