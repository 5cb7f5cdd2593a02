namespace RealtimeConv.App.Bench;

/// <summary>
/// Evicts the caches for <c>bench --cold</c>: writes one byte per 64-byte line of a buffer twice the
/// size of the last-level cache, so whatever a run touched before is gone when the next run starts.
/// </summary>
internal sealed class CacheFlusher
{
    private readonly byte[] _buffer;
    private byte _value;

    /// <summary>Allocates a buffer of twice <paramref name="lastLevelBytes"/>.</summary>
    public CacheFlusher(long lastLevelBytes) => _buffer = new byte[checked((int)(2 * lastLevelBytes))];

    /// <summary>Writes every cache line of the buffer once (a new value each time, so no write can be skipped).</summary>
    public void Flush()
    {
        _value++;
        var buffer = _buffer;
        for (int i = 0; i < buffer.Length; i += 64) buffer[i] = _value;
    }
}
