namespace RealtimeConv.Gpu.Context;

/// <summary>
/// No usable OpenGL 4.3 compute context: the message says what was tried, what the driver offers,
/// and that the CPU backends still work.
/// </summary>
public sealed class GpuUnavailableException : Exception
{
    /// <summary>Creates the exception with the reason in one line.</summary>
    public GpuUnavailableException(string reason)
        : base($"GPU backend unavailable: {reason}; the CPU backends (cpu-ref, cpu) still work")
    {
        Reason = reason;
    }

    /// <summary>Creates the exception around a lower-level failure (a missing library, …).</summary>
    public GpuUnavailableException(string reason, Exception inner)
        : base($"GPU backend unavailable: {reason}; the CPU backends (cpu-ref, cpu) still work", inner)
    {
        Reason = reason;
    }

    /// <summary>What went wrong, without the advice.</summary>
    public string Reason { get; }
}
