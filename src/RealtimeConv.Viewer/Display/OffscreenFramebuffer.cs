using RealtimeConv.Gpu.Context;
using RealtimeConv.Imaging;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Display;

/// <summary>
/// A framebuffer object with one RGBA8 colour renderbuffer: a window-less target for rendering the
/// display (headless contexts, tests, fixed-size screenshots).
/// </summary>
public sealed class OffscreenFramebuffer : IDisposable
{
    private readonly GpuDevice _device;
    private uint _framebuffer, _colour;

    /// <summary>Creates a <paramref name="width"/>×<paramref name="height"/> target.</summary>
    public OffscreenFramebuffer(GpuDevice device, int width, int height)
    {
        device.CheckThread(nameof(OffscreenFramebuffer));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        _device = device;
        Width = width;
        Height = height;
        var gl = device.Gl;
        _colour = gl.GenRenderbuffer();
        device.Objects.Created("renderbuffer");
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _colour);
        gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.Rgba8, (uint)width, (uint)height);
        _framebuffer = gl.GenFramebuffer();
        device.Objects.Created("framebuffer");
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, _framebuffer);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, _colour);
        var status = gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
        if (status != GLEnum.FramebufferComplete)
        {
            Dispose();
            throw new InvalidOperationException($"offscreen framebuffer {width}×{height} is incomplete ({status})");
        }
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Makes this the draw and read framebuffer.</summary>
    public void Bind() => _device.Gl.BindFramebuffer(FramebufferTarget.Framebuffer, _framebuffer != 0 ? _framebuffer : throw new ObjectDisposedException(nameof(OffscreenFramebuffer)));

    /// <summary>Binds the default framebuffer again.</summary>
    public void Unbind() => _device.Gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);

    /// <summary>Binds this target and clears it to <paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/>, <paramref name="a"/>.</summary>
    public void Clear(float r, float g, float b, float a = 1f)
    {
        Bind();
        var gl = _device.Gl;
        gl.Disable(EnableCap.ScissorTest);
        gl.ClearColor(r, g, b, a);
        gl.Clear(ClearBufferMask.ColorBufferBit);
    }

    /// <summary>Binds this target and reads it as RGBA, top row first.</summary>
    public PixelImage ReadRgba()
    {
        Bind();
        return FramebufferCapture.ReadRgba(_device.Gl, Width, Height);
    }

    /// <summary>Deletes the framebuffer and its renderbuffer. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        var gl = _device.Gl;
        if (_framebuffer != 0) { gl.DeleteFramebuffer(_framebuffer); _device.Objects.Deleted("framebuffer"); _framebuffer = 0; }
        if (_colour != 0) { gl.DeleteRenderbuffer(_colour); _device.Objects.Deleted("renderbuffer"); _colour = 0; }
    }
}
