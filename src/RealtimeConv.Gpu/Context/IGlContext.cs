using Silk.NET.OpenGL;

namespace RealtimeConv.Gpu.Context;

/// <summary>
/// An OpenGL 4.3+ context the GPU passes run in: a headless EGL context here, a GLFW window's context
/// in the viewer. Every GL call goes through <see cref="Gl"/> on the thread where the context is current.
/// </summary>
public interface IGlContext : IDisposable
{
    /// <summary>The GL entry points loaded for this context.</summary>
    GL Gl { get; }

    /// <summary>How the context was made, e.g. "EGL surfaceless (Mesa)".</summary>
    string Description { get; }

    /// <summary>Makes the context current on the calling thread.</summary>
    void MakeCurrent();
}
