namespace RealtimeConv.Gpu.Context;

/// <summary>What the GL driver is and what its compute shaders may use (for <c>rtconv info</c>).</summary>
/// <param name="Vendor">GL_VENDOR.</param>
/// <param name="Renderer">GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</param>
/// <param name="Version">GL_VERSION.</param>
/// <param name="MaxWorkGroupSize">GL_MAX_COMPUTE_WORK_GROUP_SIZE (x, y, z).</param>
/// <param name="MaxWorkGroupCount">GL_MAX_COMPUTE_WORK_GROUP_COUNT (x, y, z).</param>
/// <param name="MaxWorkGroupInvocations">GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS.</param>
/// <param name="MaxSharedMemoryBytes">GL_MAX_COMPUTE_SHARED_MEMORY_SIZE.</param>
/// <param name="MaxStorageBlockBytes">GL_MAX_SHADER_STORAGE_BLOCK_SIZE.</param>
/// <param name="TimestampBits">GL_QUERY_COUNTER_BITS of GL_TIMESTAMP (0: no GPU clock).</param>
public sealed record GpuInfo(
    string Vendor, string Renderer, string Version,
    (int X, int Y, int Z) MaxWorkGroupSize, (int X, int Y, int Z) MaxWorkGroupCount,
    int MaxWorkGroupInvocations, int MaxSharedMemoryBytes, long MaxStorageBlockBytes, int TimestampBits)
{
    /// <summary>Lines of "key: value" for a report.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"gl vendor: {Vendor}";
        yield return $"gl renderer: {Renderer}";
        yield return $"gl version: {Version}";
        yield return $"compute max workgroup size: {MaxWorkGroupSize.X}×{MaxWorkGroupSize.Y}×{MaxWorkGroupSize.Z}";
        yield return $"compute max workgroup count: {MaxWorkGroupCount.X}×{MaxWorkGroupCount.Y}×{MaxWorkGroupCount.Z}";
        yield return $"compute max invocations per workgroup: {MaxWorkGroupInvocations}";
        yield return $"compute shared memory: {MaxSharedMemoryBytes} bytes";
        yield return $"shader storage block: {MaxStorageBlockBytes} bytes";
        yield return $"timestamp bits: {TimestampBits}";
    }
}
