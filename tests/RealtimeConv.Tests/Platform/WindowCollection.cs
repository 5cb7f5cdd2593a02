namespace RealtimeConv.Tests.Platform;

/// <summary>
/// The window tests: one Xvfb server for all of them, and never two at once (GLFW's state is
/// process-wide, so this process holds one window at a time).
/// </summary>
[CollectionDefinition(Name)]
public sealed class WindowCollection : ICollectionFixture<XvfbDisplay>
{
    public const string Name = "window";
}
