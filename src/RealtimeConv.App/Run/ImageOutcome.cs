namespace RealtimeConv.App.Run;

/// <summary>
/// Everything one image of <c>rtconv run</c> produced, gathered by the worker that ran it and applied by the
/// command in input order (so lines, tally and report do not depend on which worker finished first).
/// </summary>
/// <param name="Image">The input.</param>
/// <param name="Status">Computed, kept or failed.</param>
/// <param name="Line">The line printed on stdout (null for a failure).</param>
/// <param name="Failure">The one-line error of a failed image (null otherwise).</param>
/// <param name="Width">Decoded width in pixels (0 when not decoded).</param>
/// <param name="Height">Decoded height in pixels (0 when not decoded).</param>
/// <param name="Modes">Per mode run, in the order of <c>--mode</c> (empty when not computed).</param>
/// <param name="MaxDifference">Largest |standard − separable| when both modes ran, else null.</param>
/// <param name="Written">Files written for this image.</param>
/// <param name="Kept">Existing files of this image left as they were.</param>
internal sealed record ImageOutcome(
    RunInput Image, ImageStatus Status, string? Line, string? Failure, int Width, int Height,
    IReadOnlyList<ModeOutcome> Modes, float? MaxDifference, int Written, int Kept);
