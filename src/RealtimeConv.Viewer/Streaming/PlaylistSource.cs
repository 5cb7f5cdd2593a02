namespace RealtimeConv.Viewer.Streaming;

/// <summary>One command-line argument of the viewer: a folder to list or a single file.</summary>
/// <param name="Argument">The path as the user typed it, for messages and the description.</param>
/// <param name="FullPath">The absolute path.</param>
/// <param name="IsFolder">Whether it is a folder (listed with <see cref="Imaging.ImageFolder"/>) or a file.</param>
internal sealed record PlaylistSource(string Argument, string FullPath, bool IsFolder);
