namespace RealtimeConv.App.Run;

/// <summary>
/// An <c>rtconv run</c> command line that cannot be carried out (bad option value, output folder inside an
/// input folder, an output that would replace an input). Found before any image is processed; exit code 2.
/// </summary>
internal sealed class RunUsageException(string message) : Exception(message);
