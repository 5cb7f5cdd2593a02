using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Display;

/// <summary>
/// The fixed-function state every display draw starts from: the whole framebuffer as viewport, no
/// depth test, no scissor, no culling, blending off. Each renderer sets it itself instead of trusting
/// whatever the previous one left.
/// </summary>
internal static class DrawState
{
    public static void Reset(GL gl, int framebufferWidth, int framebufferHeight)
    {
        gl.Viewport(0, 0, (uint)framebufferWidth, (uint)framebufferHeight);
        gl.Disable(EnableCap.DepthTest);
        gl.Disable(EnableCap.ScissorTest);
        gl.Disable(EnableCap.CullFace);
        gl.Disable(EnableCap.Blend);
    }
}
