using RealtimeConv.Gpu.Context;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Display;

/// <summary>
/// A vertex array over one float array buffer that is rewritten every frame (text quads, graph lines,
/// tile rectangles): the GL objects, their attribute layout, the upload and the release, in one owner.
/// </summary>
internal sealed class VertexStream : IDisposable
{
    /// <summary>One float attribute: its location, component count and offset (in floats) within a vertex.</summary>
    public readonly record struct Attribute(uint Location, int Components, int Offset);

    private readonly GpuDevice _device;
    private uint _vertexArray, _buffer;
    private int _capacityFloats;

    /// <summary>
    /// Creates the vertex array and buffer, labelled <paramref name="label"/>, with vertices of
    /// <paramref name="strideFloats"/> floats laid out as <paramref name="attributes"/>; with
    /// <paramref name="perInstance"/> every attribute advances once per instance instead of per vertex.
    /// <paramref name="initialFloats"/> sizes the buffer up front, so that frames below it never reallocate.
    /// </summary>
    public VertexStream(GpuDevice device, string label, int strideFloats, IReadOnlyList<Attribute> attributes, bool perInstance = false,
        int initialFloats = 0)
    {
        _device = device;
        var gl = device.Gl;
        _vertexArray = gl.GenVertexArray();
        device.Objects.Created("vertex array");
        _buffer = gl.GenBuffer();
        device.Objects.Created("buffer");
        gl.BindVertexArray(_vertexArray);
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, _buffer);
        gl.ObjectLabel(ObjectIdentifier.Buffer, _buffer, (uint)label.Length, label);
        if (initialFloats > 0)
        {
            _capacityFloats = initialFloats;
            unsafe { gl.BufferData(BufferTargetARB.ArrayBuffer, (nuint)(initialFloats * sizeof(float)), null, BufferUsageARB.StreamDraw); }
        }
        foreach (var attribute in attributes)
        {
            gl.EnableVertexAttribArray(attribute.Location);
            unsafe
            {
                gl.VertexAttribPointer(attribute.Location, attribute.Components, VertexAttribPointerType.Float, false,
                    (uint)(strideFloats * sizeof(float)), (void*)(attribute.Offset * sizeof(float)));
            }
            if (perInstance) gl.VertexAttribDivisor(attribute.Location, 1);
        }
        gl.BindVertexArray(0);
    }

    /// <summary>Writes <paramref name="vertices"/> at the start of the buffer, growing it (only) when they do not fit.</summary>
    public void Upload(ReadOnlySpan<float> vertices)
    {
        ObjectDisposedException.ThrowIf(_vertexArray == 0, this);
        var gl = _device.Gl;
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, _buffer);
        if (vertices.Length > _capacityFloats)
        {
            _capacityFloats = vertices.Length;
            unsafe { gl.BufferData(BufferTargetARB.ArrayBuffer, (nuint)(_capacityFloats * sizeof(float)), null, BufferUsageARB.StreamDraw); }
        }
        if (!vertices.IsEmpty) gl.BufferSubData(BufferTargetARB.ArrayBuffer, 0, vertices);
    }

    /// <summary>Binds the vertex array for the caller's draw calls.</summary>
    public void Bind()
    {
        ObjectDisposedException.ThrowIf(_vertexArray == 0, this);
        _device.Gl.BindVertexArray(_vertexArray);
    }

    /// <summary>Unbinds any vertex array.</summary>
    public void Unbind() => _device.Gl.BindVertexArray(0);

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _vertexArray == 0;

    /// <summary>Deletes the vertex array and the buffer. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_vertexArray == 0) return;
        _device.Gl.DeleteVertexArray(_vertexArray);
        _device.Objects.Deleted("vertex array");
        _device.Gl.DeleteBuffer(_buffer);
        _device.Objects.Deleted("buffer");
        _vertexArray = _buffer = 0;
    }
}
