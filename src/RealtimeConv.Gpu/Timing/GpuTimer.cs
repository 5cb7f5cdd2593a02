using System.Diagnostics;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Kernels;
using Silk.NET.OpenGL;

namespace RealtimeConv.Gpu.Timing;

/// <summary>
/// Times one pass every frame. With a working GPU clock it writes a pair of timestamp queries into a
/// ring of <see cref="RingSize"/> slots and reads each slot when the driver says it is available, a
/// few frames late, so the CPU never waits on the GPU. Without one (the timestamp reads 0, as on
/// llvmpipe) it falls back to fences and the wall clock. Owns its queries; dispose on the GL thread.
/// </summary>
public sealed class GpuTimer : IDisposable
{
    /// <summary>Frames in flight before a slot must be read: enough to hide a frame or two of latency.</summary>
    public const int RingSize = 4;

    /// <summary>Longest wait for a fence before the GPU is declared hung.</summary>
    private const ulong FenceTimeoutNs = 30_000_000_000;

    private readonly GpuDevice _device;
    private readonly uint[] _start = new uint[RingSize];
    private readonly uint[] _end = new uint[RingSize];
    private readonly bool[] _pending = new bool[RingSize];
    private int _next;
    private int _lastWritten = -1;
    private long _wallStart;
    private bool _disposed;

    /// <summary>Creates a timer on <paramref name="device"/>'s best clock, or on <paramref name="clock"/> when given.</summary>
    public GpuTimer(GpuDevice device, string? clock = null)
    {
        _device = device;
        Clock = clock ?? (device.TimestampsWork ? GpuClock.Timestamp : GpuClock.FenceWall);
        if (Clock is not (GpuClock.Timestamp or GpuClock.FenceWall))
            throw new ArgumentException($"unknown GPU clock '{Clock}' (known: {GpuClock.Timestamp}, {GpuClock.FenceWall})", nameof(clock));
        if (Clock == GpuClock.Timestamp && !device.TimestampsWork)
            throw new ArgumentException($"this driver's {GpuClock.Timestamp} reads 0; use {GpuClock.FenceWall}", nameof(clock));
        if (Clock == GpuClock.Timestamp)
        {
            device.Gl.GenQueries(_start);
            device.Gl.GenQueries(_end);
            for (int i = 0; i < 2 * RingSize; i++) device.Objects.Created("query");
        }
    }

    /// <summary><see cref="GpuClock.Timestamp"/> or <see cref="GpuClock.FenceWall"/>.</summary>
    public string Clock { get; }

    /// <summary>The most recent timing read back, if any.</summary>
    public PassTiming? Latest { get; private set; }

    /// <summary>Marks the start of the pass's GL commands.</summary>
    public void Begin()
    {
        if (Clock == GpuClock.FenceWall)
        {
            WaitForGpu();
            _wallStart = Stopwatch.GetTimestamp();
            return;
        }
        // The ring is full only when the GPU is RingSize frames behind: then reading this slot waits.
        if (_pending[_next]) Read(_next);
        _device.Gl.QueryCounter(_start[_next], QueryCounterTarget.Timestamp);
    }

    /// <summary>Marks the end of the pass's GL commands and reads whatever earlier slots are ready.</summary>
    public void End()
    {
        if (Clock == GpuClock.FenceWall)
        {
            WaitForGpu();
            Latest = new PassTiming(Stopwatch.GetElapsedTime(_wallStart).TotalMilliseconds, Clock);
            return;
        }
        var gl = _device.Gl;
        gl.QueryCounter(_end[_next], QueryCounterTarget.Timestamp);
        _pending[_next] = true;
        _lastWritten = _next;
        _next = (_next + 1) % RingSize;
        // Oldest first, stopping at the first slot the GPU has not finished.
        for (int i = 0; i < RingSize; i++)
        {
            int slot = (_next + i) % RingSize;
            if (!_pending[slot]) continue;
            gl.GetQueryObject(_end[slot], QueryObjectParameterName.ResultAvailable, out int available);
            if (available == 0) break;
            Read(slot);
        }
    }

    /// <summary>Reads the timing of the last pass now (waits for the GPU); for callers that just read its output back.</summary>
    public PassTiming ReadLast()
    {
        if (Clock == GpuClock.Timestamp && _lastWritten >= 0 && _pending[_lastWritten]) Read(_lastWritten);
        return Latest ?? throw new InvalidOperationException("the timer has not measured a pass yet");
    }

    /// <summary>Deletes the queries. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (Clock != GpuClock.Timestamp) return;
        _device.Gl.DeleteQueries(_start);
        _device.Gl.DeleteQueries(_end);
        for (int i = 0; i < 2 * RingSize; i++) _device.Objects.Deleted("query");
    }

    private void Read(int slot)
    {
        var gl = _device.Gl;
        // 64-bit getters: nanosecond timestamps overflow 32 bits after 4 seconds.
        gl.GetQueryObject(_start[slot], QueryObjectParameterName.Result, out ulong start);
        gl.GetQueryObject(_end[slot], QueryObjectParameterName.Result, out ulong end);
        _pending[slot] = false;
        Latest = new PassTiming((end - start) / 1e6, Clock);
    }

    /// <summary>Blocks until every GL command issued so far has finished.</summary>
    private void WaitForGpu()
    {
        var gl = _device.Gl;
        nint fence = gl.FenceSync(SyncCondition.SyncGpuCommandsComplete, SyncBehaviorFlags.None);
        _device.Objects.Created("sync");
        try
        {
            var result = gl.ClientWaitSync(fence, SyncObjectMask.Bit, FenceTimeoutNs);
            if (result is not (GLEnum.AlreadySignaled or GLEnum.ConditionSatisfied))
                throw new TimeoutException($"GPU fence not signalled after {FenceTimeoutNs / 1e9:0} s ({result})");
        }
        finally
        {
            gl.DeleteSync(fence);
            _device.Objects.Deleted("sync");
        }
    }
}
