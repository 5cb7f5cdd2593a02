namespace RealtimeConv.Gpu.Context;

/// <summary>
/// Counts the live GL objects (buffers, programs, queries, fences) made through one
/// <see cref="GpuDevice"/>, by kind, so a test can prove that frames do not leak.
/// </summary>
public sealed class GlObjectCounter
{
    private readonly Dictionary<string, int> _live = new(StringComparer.Ordinal);

    /// <summary>Live objects of every kind together.</summary>
    public int Total { get { lock (_live) return _live.Values.Sum(); } }

    /// <summary>Live objects of <paramref name="kind"/> ("buffer", "program", "query", "sync").</summary>
    public int Live(string kind) { lock (_live) return _live.GetValueOrDefault(kind); }

    internal void Created(string kind) { lock (_live) _live[kind] = _live.GetValueOrDefault(kind) + 1; }

    internal void Deleted(string kind) { lock (_live) _live[kind] = _live.GetValueOrDefault(kind) - 1; }

    /// <summary>"buffer 3, program 2", for messages.</summary>
    public override string ToString() { lock (_live) return string.Join(", ", _live.Where(p => p.Value != 0).Select(p => $"{p.Key} {p.Value}")); }
}
