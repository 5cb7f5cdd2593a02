using RealtimeConv.Gpu.Context;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Display;

/// <summary>
/// A vertex array whose one attribute (location 0, advanced per instance) is a rectangle in pixels,
/// for tile.vert: each instance draws one four-vertex strip. The staging array and the buffer grow
/// only when more rectangles than ever before are drawn, so a steady frame allocates nothing.
/// </summary>
internal sealed class InstanceRects : IDisposable
{
    private const int FloatsPerRect = 4;
    private readonly GpuDevice _device;
    private uint _vertexArray, _buffer;
    private float[] _staging = [];

    public InstanceRects(GpuDevice device, string label)
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
        gl.EnableVertexAttribArray(0);
        unsafe { gl.VertexAttribPointer(0, 4, VertexAttribPointerType.Float, false, FloatsPerRect * sizeof(float), null); }
        gl.VertexAttribDivisor(0, 1);
        gl.BindVertexArray(0);
    }

    /// <summary>Uploads <paramref name="count"/> rectangles taken from <paramref name="rect"/>(i).</summary>
    public void Upload<TState>(int count, TState state, Func<TState, int, PixelRect> rect)
    {
        var gl = _device.Gl;
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, _buffer);
        if (_staging.Length < count * FloatsPerRect)
        {
            _staging = new float[count * FloatsPerRect];
            unsafe { gl.BufferData(BufferTargetARB.ArrayBuffer, (nuint)(_staging.Length * sizeof(float)), null, BufferUsageARB.StreamDraw); }
        }
        for (int i = 0; i < count; i++)
        {
            var r = rect(state, i);
            _staging[i * 4] = r.X;
            _staging[i * 4 + 1] = r.Y;
            _staging[i * 4 + 2] = Math.Max(0, r.Width);
            _staging[i * 4 + 3] = Math.Max(0, r.Height);
        }
        if (count > 0) gl.BufferSubData<float>(BufferTargetARB.ArrayBuffer, 0, _staging.AsSpan(0, count * FloatsPerRect));
    }

    /// <summary>Draws <paramref name="count"/> instances of the strip with the bound program.</summary>
    public void Draw(int count)
    {
        if (count == 0) return;
        var gl = _device.Gl;
        gl.BindVertexArray(_vertexArray);
        gl.DrawArraysInstanced(PrimitiveType.TriangleStrip, 0, 4, (uint)count);
        gl.BindVertexArray(0);
    }

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
