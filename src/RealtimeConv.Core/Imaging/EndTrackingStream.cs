namespace RealtimeConv.Imaging;

/// <summary>
/// A read-only stream over a byte array that records whether the reader asked for bytes past the end.
/// stb_image substitutes zeros when its input runs out instead of failing; a decoder that had to read
/// past the end decoded data that is not in the file, which is how truncation of formats without a
/// size check (RLE-compressed TGA and PSD) is detected.
/// </summary>
internal sealed class EndTrackingStream(byte[] data) : Stream
{
    private long _position;

    /// <summary>True once a read was asked for at least one byte at or past the end.</summary>
    public bool ReadPastEnd { get; private set; }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => true;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => data.Length;

    /// <inheritdoc/>
    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, data.Length);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        long available = data.Length - _position;
        int n = (int)Math.Min(available, buffer.Length);
        if (buffer.Length > 0 && n == 0) ReadPastEnd = true;
        data.AsSpan((int)_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => data.Length + offset,
        };
        if (target > data.Length) ReadPastEnd = true;
        Position = target;
        return _position;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("read-only stream");

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("read-only stream");
}
