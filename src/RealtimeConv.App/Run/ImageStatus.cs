namespace RealtimeConv.App.Run;

/// <summary>What became of one image of <c>rtconv run</c>.</summary>
internal enum ImageStatus
{
    /// <summary>Decoded and run in every mode; its missing outputs were written.</summary>
    Computed,

    /// <summary>Every output already existed and was kept; nothing was decoded.</summary>
    Kept,

    /// <summary>It could not be read, computed or written (see <see cref="ImageOutcome.Failure"/>).</summary>
    Failed,
}
