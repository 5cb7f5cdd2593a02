using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Display;

/// <summary>
/// Draws an RGBA8 texture (the input image) on a rectangle (display/tile.vert + display/quad.frag),
/// texture row 0 at the rectangle's top, filtered as the texture's own parameters say.
/// </summary>
public sealed class TextureQuad : IDisposable
{
    private readonly GpuDevice _device;
    private readonly RenderProgram _program;
    private readonly InstanceRects _rects;
    private PixelRect _uploaded;
    private bool _disposed;

    /// <summary>Builds the program from <paramref name="shaderDirectory"/>.</summary>
    /// <exception cref="ShaderCompileException">A shader does not compile (names file:line).</exception>
    public TextureQuad(GpuDevice device, string shaderDirectory)
    {
        device.CheckThread(nameof(TextureQuad));
        _device = device;
        _program = new RenderProgram(device, shaderDirectory, "display/tile.vert", "display/quad.frag");
        _rects = new InstanceRects(device, "texture quad");
        _rects.Upload(1, PixelRect.Empty, static (r, _) => r);
    }

    /// <summary>The latest failed <see cref="Reload"/>; null when the program is good.</summary>
    public ShaderCompileException? LastError => _program.LastError;

    /// <summary>Draws <paramref name="texture"/> (a GL 2-D texture name) into <paramref name="rect"/>.</summary>
    public void Draw(uint texture, PixelRect rect, int framebufferWidth, int framebufferHeight)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _device.CheckThread(nameof(Draw));
        if (rect.IsEmpty || framebufferWidth <= 0 || framebufferHeight <= 0) return;
        var gl = _device.Gl;
        DrawState.Reset(gl, framebufferWidth, framebufferHeight);
        if (rect != _uploaded)
        {
            _rects.Upload(1, rect, static (r, _) => r);
            _uploaded = rect;
        }
        _program.Use();
        gl.Uniform2(_program.Location("u_framebuffer"), (float)framebufferWidth, framebufferHeight);
        gl.Uniform1(_program.Location("u_image"), 0);
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindTexture(TextureTarget.Texture2D, texture);
        _rects.Draw(1);
    }

    /// <summary>Rebuilds the program from disk; on failure keeps the old one (see <see cref="LastError"/>).</summary>
    public bool Reload() => _program.Reload();

    /// <summary>Deletes the program and vertex array. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _program.Dispose();
        _rects.Dispose();
    }
}
