using RealtimeConv.Platform.Windowing;
using Silk.NET.OpenGL;

namespace RealtimeConv.Tests.Platform;

/// <summary>A window opens on Xvfb with an OpenGL 4.3+ core context current on its thread.</summary>
[Collection(WindowCollection.Name)]
public sealed class WindowContextTests(XvfbDisplay display)
{
    [Fact]
    public void WindowOpensWithACoreContextOfAtLeast43()
    {
        display.UseForThisProcess();
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "context test", Size = new(320, 240) });
            var gl = window.GlContext.Gl;
            gl.GetInteger(GetPName.MajorVersion, out int major);
            gl.GetInteger(GetPName.MinorVersion, out int minor);
            gl.GetInteger(GLEnum.ContextProfileMask, out int profile);
            Assert.True(major * 10 + minor >= 43, $"OpenGL {major}.{minor} < 4.3: {window.GlContext.Description}");
            Assert.Equal((int)ContextProfileMask.CoreProfileBit, profile & (int)ContextProfileMask.CoreProfileBit);
            Assert.StartsWith("GLFW window (X11): ", window.GlContext.Description);
            Assert.Equal(new Extent(320, 240), window.Size);
            Assert.Equal(new Extent(320, 240), window.FramebufferSize);
            Assert.False(window.IsClosing);
        });
    }
}
