using System.Runtime.InteropServices;
using RealtimeConv.Gpu.Context;
using Silk.NET.OpenGL;

namespace RealtimeConv.Platform.Glfw;

/// <summary>
/// A GLFW window's OpenGL context as the GPU passes see it. The window owns the native context and
/// destroys it; disposing this object only releases the loaded entry points.
/// </summary>
internal sealed unsafe class GlfwGlContext : IGlContext
{
    private readonly GlfwLibrary _glfw;
    private readonly nint _window;
    private bool _disposed;

    /// <summary>Loads the GL entry points of <paramref name="window"/>'s context, which must be current.</summary>
    public GlfwGlContext(GlfwLibrary glfw, nint window)
    {
        _glfw = glfw;
        _window = window;
        Gl = GL.GetApi(ProcAddress);
        Gl.GetInteger(GetPName.MajorVersion, out int major);
        Gl.GetInteger(GetPName.MinorVersion, out int minor);
        Version = (major, minor);
        Description = $"GLFW window ({glfw.WindowSystem}): {Gl.GetStringS(StringName.Version) ?? "?"}, {Gl.GetStringS(StringName.Renderer) ?? "?"}";
    }

    /// <inheritdoc />
    public GL Gl { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The context's OpenGL version.</summary>
    public (int Major, int Minor) Version { get; }

    /// <inheritdoc />
    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _glfw.MakeContextCurrent(_window);
    }

    /// <summary>Releases the entry points; the window destroys the context itself. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Gl.Dispose();
    }

    private nint ProcAddress(string name)
    {
        nint utf8 = Marshal.StringToCoTaskMemUTF8(name);
        try
        {
            return _glfw.GetProcAddress((byte*)utf8);
        }
        finally
        {
            Marshal.FreeCoTaskMem(utf8);
        }
    }
}
