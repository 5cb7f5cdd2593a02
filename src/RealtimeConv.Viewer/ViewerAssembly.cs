namespace RealtimeConv.Viewer;

/// <summary>Marks the viewer assembly (its folders follow the frame graph: Streaming → Compute → Display → Hud → Loop).</summary>
internal static class ViewerAssembly
{
    /// <summary>The assembly's name, for log lines.</summary>
    public const string Name = "RealtimeConv.Viewer";
}
