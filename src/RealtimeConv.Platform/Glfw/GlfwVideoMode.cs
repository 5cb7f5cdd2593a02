using System.Runtime.InteropServices;

namespace RealtimeConv.Platform.Glfw;

/// <summary>GLFW's <c>GLFWvidmode</c>: a monitor's current resolution, colour depth and refresh rate.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct GlfwVideoMode
{
    public readonly int Width;
    public readonly int Height;
    public readonly int RedBits;
    public readonly int GreenBits;
    public readonly int BlueBits;
    public readonly int RefreshRate;
}
