using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using RealtimeConv.Tensors;

namespace RealtimeConv.Visualization;

/// <summary>
/// Every channel's <see cref="ChannelRange"/> at once, eight values per vector, and their merge — the CPU
/// twin of shaders/display/channel_range.comp, written in the same packed form: per channel, then the
/// merge at index C, four floats each (min, max, has-negative 0/1, has-finite 0/1). The viewer uses it
/// when the CPU computed the map, because measuring a map on a software GL renderer costs far more than
/// on the CPU that has it in cache.
/// </summary>
/// <remarks>
/// A blocked map's vector holds one pixel's 8 channels, so one pass over a block measures 8 channels
/// lane by lane. A planar map's vector holds 8 pixels of one channel, so each plane is measured on its
/// own and its lanes merged at the end.
/// </remarks>
internal static class ChannelRangeTable
{
    /// <summary>Floats per vector: a plane is measured 8 pixels at a time.</summary>
    private const int VectorLanes = 8;

    /// <summary>Floats <see cref="Measure"/> writes for <paramref name="channels"/> channels.</summary>
    public static int Floats(int channels) => (channels + 1) * 4;

    /// <summary>Measures <paramref name="map"/> (either layout) into <paramref name="packed"/> (at least <see cref="Floats"/> long).</summary>
    public static void Measure(FeatureMap map, Span<float> packed)
    {
        if (packed.Length < Floats(map.Channels))
            throw new ArgumentException($"{packed.Length} floats cannot hold the ranges of {map.Channels} channels", nameof(packed));
        var merged = map.Layout == ChannelLayout.Planar ? MeasurePlanes(map, packed) : MeasureBlocks(map, packed);
        Write(packed, map.Channels, merged);
    }

    private static ChannelRange MeasureBlocks(FeatureMap map, Span<float> packed)
    {
        int count = map.Height * map.Width * FeatureMap.BlockSize;
        var merged = ChannelRange.Empty;
        for (int block = 0; block < map.Blocks; block++)
        {
            var data = map.Block(block)[..count];
            var ranges = RangeVector.Empty;
            for (int i = 0; i < count; i += FeatureMap.BlockSize) ranges.Add(Vector256.Create<float>(data.Slice(i, FeatureMap.BlockSize)));
            int lanes = Math.Min(FeatureMap.BlockSize, map.Channels - block * FeatureMap.BlockSize);
            for (int lane = 0; lane < lanes; lane++)
            {
                var range = ranges.Lane(lane);
                Write(packed, block * FeatureMap.BlockSize + lane, range);
                merged = merged.Merge(range);
            }
        }
        return merged;
    }

    private static ChannelRange MeasurePlanes(FeatureMap map, Span<float> packed)
    {
        int pixels = map.Height * map.Width, whole = pixels - pixels % VectorLanes;
        var merged = ChannelRange.Empty;
        Span<float> tail = stackalloc float[VectorLanes];
        for (int c = 0; c < map.Channels; c++)
        {
            var plane = map.Block(c)[..pixels];
            var ranges = RangeVector.Empty;
            for (int i = 0; i < whole; i += VectorLanes) ranges.Add(Vector256.Create<float>(plane.Slice(i, VectorLanes)));
            if (whole < pixels)
            {
                // NaN fills the missing lanes: it is neither negative nor finite, so it changes nothing.
                tail.Fill(float.NaN);
                plane[whole..].CopyTo(tail);
                ranges.Add(Vector256.Create<float>(tail));
            }
            var range = ChannelRange.Empty;
            for (int lane = 0; lane < VectorLanes; lane++) range = range.Merge(ranges.Lane(lane));
            Write(packed, c, range);
            merged = merged.Merge(range);
        }
        return merged;
    }

    private static void Write(Span<float> packed, int index, ChannelRange range)
    {
        packed[index * 4] = range.Min;
        packed[index * 4 + 1] = range.Max;
        packed[index * 4 + 2] = range.HasNegative ? 1 : 0;
        packed[index * 4 + 3] = range.HasFinite ? 1 : 0;
    }

    /// <summary>Eight <see cref="ChannelRange"/>s side by side, one per lane, grown a vector at a time.</summary>
    private struct RangeVector
    {
        private Vector256<float> _min, _max, _negative, _finite;

        public static RangeVector Empty => new()
        {
            _min = Vector256.Create(float.PositiveInfinity),
            _max = Vector256.Create(float.NegativeInfinity),
        };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector256<float> v)
        {
            _negative |= Vector256.LessThan(v, Vector256<float>.Zero);
            // v − v is 0 for a finite v and NaN for NaN and ±∞: the finite lanes compare equal to 0.
            var isFinite = Vector256.Equals(v - v, Vector256<float>.Zero);
            _finite |= isFinite;
            _min = Vector256.ConditionalSelect(isFinite, Vector256.Min(_min, v), _min);
            _max = Vector256.ConditionalSelect(isFinite, Vector256.Max(_max, v), _max);
        }

        public readonly ChannelRange Lane(int lane) => new(_min[lane], _max[lane], _negative[lane] != 0, _finite[lane] != 0);
    }
}
