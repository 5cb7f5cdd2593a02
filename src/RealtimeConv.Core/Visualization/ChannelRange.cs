using RealtimeConv.Tensors;

namespace RealtimeConv.Visualization;

/// <summary>
/// The value range of one channel (or of several, merged): min and max over the finite values only, so
/// NaN and ±∞ cannot poison the scale; <see cref="HasNegative"/> counts every value below zero (−∞ too).
/// A range with no finite value is [0, 0], which renders as a constant channel.
/// </summary>
internal readonly record struct ChannelRange(float Min, float Max, bool HasNegative, bool HasFinite)
{
    /// <summary>The empty range, neutral for <see cref="Merge"/>.</summary>
    public static ChannelRange Empty => new(float.PositiveInfinity, float.NegativeInfinity, false, false);

    /// <summary>Largest magnitude: <c>max(|min|, |max|)</c>, 0 when there is no finite value.</summary>
    public float MaxAbs => HasFinite ? MathF.Max(MathF.Abs(Min), MathF.Abs(Max)) : 0f;

    /// <summary>Low end for the sequential maps (0 when there is no finite value).</summary>
    public float Low => HasFinite ? Min : 0f;

    /// <summary>High end for the sequential maps (0 when there is no finite value).</summary>
    public float High => HasFinite ? Max : 0f;

    /// <summary>The range of channel <paramref name="channel"/> of <paramref name="map"/>.</summary>
    public static ChannelRange Measure(FeatureMap map, int channel)
    {
        var span = map.Span;
        int baseIndex = map.IndexOf(channel, 0, 0), lanes = map.Lanes;
        int count = map.Height * map.Width;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        bool negative = false, finite = false;
        for (int p = 0; p < count; p++)
        {
            float v = span[baseIndex + p * lanes];
            if (v < 0f) negative = true;
            if (!float.IsFinite(v)) continue;
            finite = true;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return new ChannelRange(min, max, negative, finite);
    }

    /// <summary>The range covering both.</summary>
    public ChannelRange Merge(ChannelRange other) => new(
        MathF.Min(Min, other.Min), MathF.Max(Max, other.Max), HasNegative || other.HasNegative, HasFinite || other.HasFinite);
}
