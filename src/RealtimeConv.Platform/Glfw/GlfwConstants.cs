namespace RealtimeConv.Platform.Glfw;

/// <summary>The values from GLFW 3.3's <c>glfw3.h</c> that this binding uses.</summary>
internal static class GlfwConstants
{
    public const int True = 1, False = 0;

    public const int Release = 0, Press = 1, Repeat = 2;

    public const int NoError = 0;
    public const int NotInitialized = 0x00010001;

    public const int Visible = 0x00020004;
    public const int Resizable = 0x00020003;
    public const int ClientApi = 0x00022001;
    public const int ContextVersionMajor = 0x00022002;
    public const int ContextVersionMinor = 0x00022003;
    public const int OpenGlForwardCompat = 0x00022006;
    public const int OpenGlProfile = 0x00022008;

    public const int OpenGlApi = 0x00030001;
    public const int OpenGlCoreProfile = 0x00032001;

    /// <summary>The highest key code (<c>GLFW_KEY_LAST</c>, the Menu key).</summary>
    public const int KeyLast = 348;

    /// <summary>The lowest printable key code (<c>GLFW_KEY_SPACE</c>); -1 is GLFW's unknown key.</summary>
    public const int KeyFirst = 32;
}
