namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// How a GEMM tile starts and ends: from the bias or from the partial sums already in the output
/// (when the reduction is split into channel blocks), and whether to apply the activation now.
/// </summary>
internal readonly unsafe struct TileEpilogue(float* bias, bool accumulate, bool finish, OutputClamp clamp, bool stream = false)
{
    /// <summary>The tile's packed bias: 16 floats (8 for a half tile), zeros where the layer has none.</summary>
    public float* Bias { get; } = bias;

    /// <summary>Start from the output's current values instead of the bias.</summary>
    public bool Accumulate { get; } = accumulate;

    /// <summary>This is the last part of the reduction: apply <see cref="Clamp"/> before storing.</summary>
    public bool Finish { get; } = finish;

    /// <summary>The activation.</summary>
    public OutputClamp Clamp { get; } = clamp;

    /// <summary>
    /// Store with non-temporal stores: only for final values (<see cref="Finish"/>) of an output too large
    /// to stay cached, which is never read back by a later part of the reduction.
    /// </summary>
    public bool Stream { get; } = stream && finish;
}
