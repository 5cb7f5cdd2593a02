using RealtimeConv.Gpu.Context;
using Silk.NET.OpenGL;

namespace RealtimeConv.Gpu.Buffers;

/// <summary>One shader storage buffer of floats, owned here and deleted on <see cref="Dispose"/>.</summary>
public sealed class GlBuffer : IDisposable
{
    private readonly GpuDevice _device;
    private readonly string _label;
    private uint _handle;

    /// <summary>Allocates <paramref name="floats"/> floats of uninitialised storage.</summary>
    public GlBuffer(GpuDevice device, int floats, string label)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(floats, 1);
        if ((long)floats * sizeof(float) > device.Info.MaxStorageBlockBytes)
            throw new InvalidOperationException($"GPU buffer '{label}' needs {(long)floats * sizeof(float)} bytes; the driver's storage blocks hold at most {device.Info.MaxStorageBlockBytes}");
        _device = device;
        Floats = floats;
        _label = label;
        var gl = device.Gl;
        _handle = gl.GenBuffer();
        gl.BindBuffer(BufferTargetARB.ShaderStorageBuffer, _handle);
        unsafe { gl.BufferData(BufferTargetARB.ShaderStorageBuffer, (nuint)floats * sizeof(float), null, BufferUsageARB.DynamicCopy); }
        gl.ObjectLabel(ObjectIdentifier.Buffer, _handle, (uint)label.Length, label);
        device.Objects.Created("buffer");
    }

    /// <summary>Creates a buffer holding <paramref name="data"/>.</summary>
    public static GlBuffer FromData(GpuDevice device, ReadOnlySpan<float> data, string label)
    {
        var buffer = new GlBuffer(device, Math.Max(1, data.Length), label);
        buffer.Upload(data);
        return buffer;
    }

    /// <summary>Capacity in floats.</summary>
    public int Floats { get; }

    /// <summary>Writes <paramref name="data"/> at the start of the buffer.</summary>
    public void Upload(ReadOnlySpan<float> data)
    {
        if (data.Length > Floats) throw new ArgumentException($"{data.Length} floats do not fit a buffer of {Floats}");
        if (data.IsEmpty) return;
        var gl = _device.Gl;
        gl.BindBuffer(BufferTargetARB.ShaderStorageBuffer, Handle);
        gl.BufferSubData(BufferTargetARB.ShaderStorageBuffer, 0, data);
    }

    /// <summary>Reads the first <c>data.Length</c> floats back (waits for the GPU).</summary>
    public void Download(Span<float> data)
    {
        if (data.Length > Floats) throw new ArgumentException($"a buffer of {Floats} floats cannot fill {data.Length}");
        var gl = _device.Gl;
        gl.BindBuffer(BufferTargetARB.ShaderStorageBuffer, Handle);
        gl.GetBufferSubData(BufferTargetARB.ShaderStorageBuffer, 0, data);
    }

    /// <summary>Binds the buffer to SSBO binding point <paramref name="index"/>.</summary>
    public void Bind(uint index) => _device.Gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, index, Handle);

    /// <summary>The GL buffer name.</summary>
    public uint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(GlBuffer));

#if DEBUG
    /// <summary>Debug builds say which GL object was never disposed (it cannot be deleted from the finalizer thread).</summary>
    ~GlBuffer()
    {
        if (_handle != 0) System.Diagnostics.Debug.WriteLine($"GL leak: GlBuffer '{_label}' was not disposed");
    }
#endif

    /// <summary>Deletes the buffer. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_handle == 0) return;
        _device.Gl.DeleteBuffer(_handle);
        _device.Objects.Deleted("buffer");
        _handle = 0;
        GC.SuppressFinalize(this);
    }
}
