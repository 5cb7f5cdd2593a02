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
    private readonly VertexStream _stream;
    private float[] _staging = [];

    public InstanceRects(GpuDevice device, string label)
    {
        _device = device;
        _stream = new VertexStream(device, label, FloatsPerRect, [new VertexStream.Attribute(0, 4, 0)], perInstance: true);
    }

    /// <summary>Uploads <paramref name="count"/> rectangles taken from <paramref name="rect"/>(i).</summary>
    public void Upload<TState>(int count, TState state, Func<TState, int, PixelRect> rect)
    {
        if (_staging.Length < count * FloatsPerRect) _staging = new float[count * FloatsPerRect];
        for (int i = 0; i < count; i++)
        {
            var r = rect(state, i);
            _staging[i * 4] = r.X;
            _staging[i * 4 + 1] = r.Y;
            _staging[i * 4 + 2] = Math.Max(0, r.Width);
            _staging[i * 4 + 3] = Math.Max(0, r.Height);
        }
        _stream.Upload(_staging.AsSpan(0, count * FloatsPerRect));
    }

    /// <summary>Draws <paramref name="count"/> instances of the strip with the bound program.</summary>
    public void Draw(int count)
    {
        if (count == 0) return;
        _stream.Bind();
        _device.Gl.DrawArraysInstanced(PrimitiveType.TriangleStrip, 0, 4, (uint)count);
        _stream.Unbind();
    }

    public void Dispose() => _stream.Dispose();
}
