namespace RealtimeConv.Platform.Windowing;

/// <summary>
/// No window can be made: the library is missing, there is no display, or GLFW refused the window or
/// its OpenGL context. The message is one line saying what to install or do.
/// </summary>
public sealed class PlatformUnavailableException : Exception
{
    /// <summary>Creates the exception with the reason in one line.</summary>
    public PlatformUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around a lower-level failure.</summary>
    public PlatformUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
