using Silk.NET.OpenGL;

namespace RealtimeConv.Gpu.Context;

/// <summary>
/// A current GL context as the passes see it: the entry points, the driver's limits and the live
/// object counter. Used only on the context's thread.
/// </summary>
public sealed class GpuDevice
{
    /// <summary>Wraps <paramref name="context"/>, which must be current on the calling thread.</summary>
    public GpuDevice(IGlContext context)
    {
        _owner = Environment.CurrentManagedThreadId;
        Context = context;
        Gl = context.Gl;
        Info = QueryInfo(Gl);
        TimestampsWork = Info.TimestampBits > 0 && ProbeTimestamps(Gl);
    }

    /// <summary>
    /// Whether <c>GL_TIMESTAMP</c> queries give real times. Some drivers (llvmpipe) advertise the
    /// counter but read 0; then passes are timed with fences and the wall clock.
    /// </summary>
    public bool TimestampsWork { get; }

    private readonly int _owner;

    /// <summary>The context.</summary>
    public IGlContext Context { get; }

    /// <summary>
    /// Throws when called off the thread the context is current on: a GL call there would run with no
    /// context (or another one) and fail silently or crash, so objects that call GL check first.
    /// </summary>
    public void CheckThread(string caller)
    {
        if (Environment.CurrentManagedThreadId != _owner)
            throw new InvalidOperationException($"{caller} called off the GL thread; run it inside GlThread.Invoke");
    }

    /// <summary>The GL entry points.</summary>
    public GL Gl { get; }

    /// <summary>Vendor, renderer, version and compute limits.</summary>
    public GpuInfo Info { get; }

    /// <summary>Live GL objects made through this device.</summary>
    public GlObjectCounter Objects { get; } = new();

    private static bool ProbeTimestamps(GL gl)
    {
        Span<uint> queries = stackalloc uint[2];
        gl.GenQueries(queries);
        gl.QueryCounter(queries[0], QueryCounterTarget.Timestamp);
        gl.Finish();
        gl.QueryCounter(queries[1], QueryCounterTarget.Timestamp);
        gl.Finish();
        gl.GetQueryObject(queries[0], QueryObjectParameterName.Result, out ulong first);
        gl.GetQueryObject(queries[1], QueryObjectParameterName.Result, out ulong second);
        gl.DeleteQueries(queries);
        return first != 0 && second >= first;
    }

    /// <summary>Reads vendor, renderer, version and the compute limits from the current context.</summary>
    public static GpuInfo QueryInfo(GL gl)
    {
        int Indexed(GLEnum name, uint index) { gl.GetInteger(name, index, out int value); return value; }
        gl.GetInteger(GLEnum.MaxComputeWorkGroupInvocations, out int invocations);
        gl.GetInteger(GLEnum.MaxComputeSharedMemorySize, out int shared);
        gl.GetInteger64(GLEnum.MaxShaderStorageBlockSize, out long storage);
        gl.GetQuery(GLEnum.Timestamp, GLEnum.QueryCounterBits, out int timestampBits);
        return new GpuInfo(
            gl.GetStringS(StringName.Vendor) ?? "?", gl.GetStringS(StringName.Renderer) ?? "?", gl.GetStringS(StringName.Version) ?? "?",
            (Indexed(GLEnum.MaxComputeWorkGroupSize, 0), Indexed(GLEnum.MaxComputeWorkGroupSize, 1), Indexed(GLEnum.MaxComputeWorkGroupSize, 2)),
            (Indexed(GLEnum.MaxComputeWorkGroupCount, 0), Indexed(GLEnum.MaxComputeWorkGroupCount, 1), Indexed(GLEnum.MaxComputeWorkGroupCount, 2)),
            invocations, shared, storage, timestampBits);
    }
}
