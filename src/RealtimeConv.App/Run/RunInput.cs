namespace RealtimeConv.App.Run;

/// <summary>One image to process and the base of its output names.</summary>
/// <param name="Path">The image file (full path).</param>
/// <param name="Shown">The file as reported: as typed, or folder-as-typed joined with the file name.</param>
/// <param name="OutputName">Base of its output names, unique within the run (see <see cref="OutputNames"/>).</param>
internal sealed record RunInput(string Path, string Shown, string OutputName);
