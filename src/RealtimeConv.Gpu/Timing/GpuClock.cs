namespace RealtimeConv.Gpu.Timing;

/// <summary>The clocks GPU passes are timed with; every timing carries one of these names.</summary>
public static class GpuClock
{
    /// <summary>Two <c>glQueryCounter(GL_TIMESTAMP)</c> readings around the pass, read a few frames late.</summary>
    public const string Timestamp = "gl-timestamp";

    /// <summary>
    /// The wall clock from an idle GPU to a signalled fence after the pass: for drivers whose timestamp
    /// reads 0 (llvmpipe). It stalls the pipeline, so it is slightly pessimistic.
    /// </summary>
    public const string FenceWall = "gl-fence+wall";
}
