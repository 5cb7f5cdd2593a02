using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Viewer.Display;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Hud;

/// <summary>
/// A scrolling graph of recent frame times (display/graph.vert + display/graph.frag): one line per
/// series over the last <c>capacity</c> samples, newest at the right, y scaled to a round number at or
/// above the largest sample shown (<see cref="ScaleMilliseconds"/>, for the HUD's label). The points
/// array and buffer are sized once, so drawing allocates nothing.
/// </summary>
public sealed class FrameTimeGraph : IDisposable
{
    private readonly GpuDevice _device;
    private readonly RenderProgram _program;
    private readonly float[] _points;
    private readonly int[] _pointCounts;
    private readonly VertexStream _stream;

    /// <summary>Builds the program and buffers for <paramref name="seriesCount"/> series of <paramref name="capacity"/> samples.</summary>
    /// <exception cref="ShaderCompileException">A shader does not compile (names file:line).</exception>
    public FrameTimeGraph(GpuDevice device, string shaderDirectory, int seriesCount, int capacity = 240)
    {
        device.CheckThread(nameof(FrameTimeGraph));
        History = new FrameTimeHistory(seriesCount, capacity);
        _device = device;
        _points = new float[seriesCount * capacity * 2];
        _pointCounts = new int[seriesCount];
        _program = new RenderProgram(device, shaderDirectory, "display/graph.vert", "display/graph.frag");
        _stream = new VertexStream(device, "frame-time graph", 2, [new VertexStream.Attribute(0, 2, 0)], initialFloats: _points.Length);
    }

    /// <summary>The samples.</summary>
    public FrameTimeHistory History { get; }

    /// <summary>The y-axis top of the last <see cref="Draw"/> (or of the samples now, before any draw), in milliseconds.</summary>
    public float ScaleMilliseconds { get; private set; } = 1f;

    /// <summary>The latest failed <see cref="Reload"/>; null when the program is good.</summary>
    public ShaderCompileException? LastError => _program.LastError;

    /// <summary>Appends a sample to <paramref name="series"/>.</summary>
    public void Add(int series, float milliseconds) => History.Add(series, milliseconds);

    /// <summary>Draws every series into <paramref name="area"/>; series i in <paramref name="colours"/>[i] (white when absent), blended.</summary>
    public void Draw(PixelRect area, ReadOnlySpan<Rgba> colours, int framebufferWidth, int framebufferHeight)
    {
        ObjectDisposedException.ThrowIf(_stream.IsDisposed, this);
        _device.CheckThread(nameof(Draw));
        ScaleMilliseconds = FrameTimeHistory.NiceScale(History.Max());
        if (area.IsEmpty || framebufferWidth <= 0 || framebufferHeight <= 0) return;
        int capacity = History.Capacity;
        for (int s = 0; s < History.SeriesCount; s++)
            _pointCounts[s] = History.WriteLine(s, area, ScaleMilliseconds, _points.AsSpan(s * capacity * 2, capacity * 2));

        var gl = _device.Gl;
        DrawState.Reset(gl, framebufferWidth, framebufferHeight);
        gl.Enable(EnableCap.Blend);
        gl.BlendFuncSeparate(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha, BlendingFactor.One, BlendingFactor.OneMinusSrcAlpha);
        _stream.Upload(_points);
        _program.Use();
        gl.Uniform2(_program.Location("u_framebuffer"), (float)framebufferWidth, framebufferHeight);
        _stream.Bind();
        int colourLocation = _program.Location("u_colour");
        for (int s = 0; s < History.SeriesCount; s++)
        {
            if (_pointCounts[s] < 2) continue;
            var c = s < colours.Length ? colours[s] : Rgba.White;
            gl.Uniform4(colourLocation, c.R, c.G, c.B, c.A);
            gl.DrawArrays(PrimitiveType.LineStrip, s * capacity, (uint)_pointCounts[s]);
        }
        _stream.Unbind();
        gl.Disable(EnableCap.Blend);
    }

    /// <summary>Rebuilds the program from disk; on failure keeps the old one (see <see cref="LastError"/>).</summary>
    public bool Reload() => _program.Reload();

    /// <summary>Deletes the program, buffer and vertex array. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_stream.IsDisposed) return;
        _program.Dispose();
        _stream.Dispose();
    }
}
