using System.Globalization;

namespace RealtimeConv.Viewer.Hud;

/// <summary>
/// A reusable line of HUD text built in a fixed char buffer with invariant-culture number formatting:
/// the HUD rewrites its numbers every frame, and building them as strings would allocate every frame.
/// Text past the buffer's end is cut off.
/// </summary>
internal sealed class LineBuilder(int capacity = 512)
{
    private readonly char[] _buffer = new char[capacity];
    private int _length;

    /// <summary>The text so far.</summary>
    public ReadOnlySpan<char> Text => _buffer.AsSpan(0, _length);

    /// <summary>Empties the line.</summary>
    public LineBuilder Clear()
    {
        _length = 0;
        return this;
    }

    /// <summary>Appends <paramref name="text"/>.</summary>
    public LineBuilder Append(ReadOnlySpan<char> text)
    {
        int n = Math.Min(text.Length, _buffer.Length - _length);
        text[..n].CopyTo(_buffer.AsSpan(_length));
        _length += n;
        return this;
    }

    /// <summary>Appends <paramref name="value"/> formatted with <paramref name="format"/> ("-" for NaN).</summary>
    public LineBuilder Append(double value, ReadOnlySpan<char> format)
    {
        if (double.IsNaN(value)) return Append("-");
        if (value.TryFormat(_buffer.AsSpan(_length), out int written, format, CultureInfo.InvariantCulture)) _length += written;
        return this;
    }

    /// <summary>Appends <paramref name="value"/>.</summary>
    public LineBuilder Append(long value)
    {
        if (value.TryFormat(_buffer.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture)) _length += written;
        return this;
    }

    /// <summary>Appends a count with an SI suffix: 56.6 M, 1.21 G.</summary>
    public LineBuilder AppendCount(long value) => value switch
    {
        >= 1_000_000_000 => Append(value / 1e9, "0.00").Append(" G"),
        >= 1_000_000 => Append(value / 1e6, "0.0").Append(" M"),
        >= 1_000 => Append(value / 1e3, "0.0").Append(" k"),
        _ => Append(value),
    };
}
