namespace RealtimeConv.Kernels.Fast;

/// <summary>A stride known to the JIT as a constant, so that pixel offsets inside the loops fold into addresses.</summary>
internal interface IStride
{
    /// <summary>1 or 2.</summary>
    static abstract int Value { get; }
}
