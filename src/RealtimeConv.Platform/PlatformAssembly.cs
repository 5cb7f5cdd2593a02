namespace RealtimeConv.Platform;

/// <summary>Marks the platform assembly (GLFW window, GL context and keyboard).</summary>
internal static class PlatformAssembly
{
    /// <summary>The assembly's name, for log lines.</summary>
    public const string Name = "RealtimeConv.Platform";
}
