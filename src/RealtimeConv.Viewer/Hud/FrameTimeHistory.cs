using RealtimeConv.Viewer.Display;

namespace RealtimeConv.Viewer.Hud;

/// <summary>
/// The last <see cref="Capacity"/> samples of each of several time series (frame, standard, separable…),
/// one ring buffer per series, and the geometry the graph draws from them. Pure arithmetic, no GL, so
/// the scrolling and scaling are tested on their own.
/// </summary>
public sealed class FrameTimeHistory
{
    private readonly float[] _values;
    private readonly int[] _next, _count;

    /// <summary>Rings for <paramref name="seriesCount"/> series of <paramref name="capacity"/> samples.</summary>
    public FrameTimeHistory(int seriesCount, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seriesCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        SeriesCount = seriesCount;
        Capacity = capacity;
        _values = new float[seriesCount * capacity];
        _next = new int[seriesCount];
        _count = new int[seriesCount];
    }

    /// <summary>Series.</summary>
    public int SeriesCount { get; }

    /// <summary>Samples kept per series.</summary>
    public int Capacity { get; }

    /// <summary>Appends a sample, dropping the oldest when the ring is full.</summary>
    public void Add(int series, float milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(series);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(series, SeriesCount);
        _values[series * Capacity + _next[series]] = milliseconds;
        _next[series] = (_next[series] + 1) % Capacity;
        _count[series] = Math.Min(_count[series] + 1, Capacity);
    }

    /// <summary>Samples held for <paramref name="series"/>.</summary>
    public int Count(int series) => _count[series];

    /// <summary>Sample <paramref name="index"/> of <paramref name="series"/>, 0 the oldest held.</summary>
    public float this[int series, int index]
    {
        get
        {
            if ((uint)index >= (uint)_count[series]) throw new ArgumentOutOfRangeException(nameof(index), index, $"series {series} holds {_count[series]} samples");
            // The oldest sample sits where the next one will be written once the ring is full.
            int oldest = (_next[series] - _count[series] + Capacity) % Capacity;
            return _values[series * Capacity + (oldest + index) % Capacity];
        }
    }

    /// <summary>The largest finite sample held in any series; 0 when none.</summary>
    public float Max()
    {
        float max = 0f;
        for (int s = 0; s < SeriesCount; s++)
            for (int i = 0; i < _count[s]; i++)
            {
                float v = this[s, i];
                if (float.IsFinite(v) && v > max) max = v;
            }
        return max;
    }

    /// <summary>
    /// The y-axis top for <paramref name="max"/>: the smallest 1, 2 or 5 × 10^k at or above it, so the
    /// label reads as a round number and the scale does not twitch with every frame; 1 ms at least.
    /// </summary>
    public static float NiceScale(float max)
    {
        if (!(max > 1f)) return 1f;
        float decade = MathF.Pow(10f, MathF.Floor(MathF.Log10(max)));
        // The relative slack keeps 5.0000005 (a rounding of 5) from jumping to 10.
        if (decade >= max * (1f - 1e-6f)) return decade;
        if (2f * decade >= max * (1f - 1e-6f)) return 2f * decade;
        if (5f * decade >= max * (1f - 1e-6f)) return 5f * decade;
        return 10f * decade;
    }

    /// <summary>
    /// Writes the line of <paramref name="series"/> into <paramref name="xy"/> as (x, y) pixel centres,
    /// oldest first, the newest at the right edge of <paramref name="area"/> and one step of
    /// <c>(width − 1) / (capacity − 1)</c> pixels per sample: a full ring spans the area. A sample v is at
    /// <c>y = bottom − 1 − clamp(v / scale, 0, 1)·(height − 1)</c> (top row = scale). Returns the points written.
    /// </summary>
    public int WriteLine(int series, PixelRect area, float scale, Span<float> xy)
    {
        int n = _count[series];
        if (n == 0 || area.IsEmpty) return 0;
        float step = (area.Width - 1) / (float)(Capacity - 1);
        float right = area.Right - 0.5f, bottom = area.Bottom - 0.5f;
        for (int i = 0; i < n; i++)
        {
            float v = this[series, i];
            float t = float.IsNaN(v) ? 0f : Math.Clamp(v / scale, 0f, 1f);
            xy[2 * i] = right - (n - 1 - i) * step;
            xy[2 * i + 1] = bottom - t * (area.Height - 1);
        }
        return n;
    }
}
