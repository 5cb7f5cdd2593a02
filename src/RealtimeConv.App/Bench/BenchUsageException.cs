namespace RealtimeConv.App.Bench;

/// <summary>A bench argument that cannot be used; the message is the one line shown to the user (exit code 2).</summary>
internal sealed class BenchUsageException(string message) : Exception(message);
