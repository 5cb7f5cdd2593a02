using System.Runtime.Intrinsics;
using RealtimeConv.Tensors;

namespace RealtimeConv.Visualization;

/// <summary>
/// Every channel's <see cref="ChannelRange"/> at once, 8 channels per vector (one block of the
/// layout), and their merge — the CPU twin of shaders/display/channel_range.comp, written in the same
/// packed form: per channel, then the merge at index C, four floats each (min, max, has-negative 0/1,
/// has-finite 0/1). The viewer uses it when the CPU computed the map, because measuring a map on a
/// software GL renderer costs far more than on the CPU that has it in cache.
/// </summary>
internal static class ChannelRangeTable
{
    /// <summary>Floats <see cref="Measure"/> writes for <paramref name="channels"/> channels.</summary>
    public static int Floats(int channels) => (channels + 1) * 4;

    /// <summary>Measures <paramref name="map"/> into <paramref name="packed"/> (at least <see cref="Floats"/> long).</summary>
    public static void Measure(FeatureMap map, Span<float> packed)
    {
        if (packed.Length < Floats(map.Channels))
            throw new ArgumentException($"{packed.Length} floats cannot hold the ranges of {map.Channels} channels", nameof(packed));
        int count = map.Height * map.Width * FeatureMap.BlockSize;
        var merged = ChannelRange.Empty;
        for (int block = 0; block < map.Blocks; block++)
        {
            var data = map.Block(block)[..count];
            var min = Vector256.Create(float.PositiveInfinity);
            var max = Vector256.Create(float.NegativeInfinity);
            var negative = Vector256<float>.Zero;
            var finite = Vector256<float>.Zero;
            for (int i = 0; i < count; i += FeatureMap.BlockSize)
            {
                var v = Vector256.Create<float>(data.Slice(i, FeatureMap.BlockSize));
                negative |= Vector256.LessThan(v, Vector256<float>.Zero);
                // v − v is 0 for a finite v and NaN for NaN and ±∞: the finite lanes compare equal to 0.
                var isFinite = Vector256.Equals(v - v, Vector256<float>.Zero);
                finite |= isFinite;
                min = Vector256.ConditionalSelect(isFinite, Vector256.Min(min, v), min);
                max = Vector256.ConditionalSelect(isFinite, Vector256.Max(max, v), max);
            }
            int lanes = Math.Min(FeatureMap.BlockSize, map.Channels - block * FeatureMap.BlockSize);
            for (int lane = 0; lane < lanes; lane++)
            {
                var range = new ChannelRange(min[lane], max[lane], negative[lane] != 0, finite[lane] != 0);
                Write(packed, block * FeatureMap.BlockSize + lane, range);
                merged = merged.Merge(range);
            }
        }
        Write(packed, map.Channels, merged);
    }

    private static void Write(Span<float> packed, int index, ChannelRange range)
    {
        packed[index * 4] = range.Min;
        packed[index * 4 + 1] = range.Max;
        packed[index * 4 + 2] = range.HasNegative ? 1 : 0;
        packed[index * 4 + 3] = range.HasFinite ? 1 : 0;
    }
}
