using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RealtimeConv.Tensors;

namespace RealtimeConv.Gpu.Buffers;

/// <summary>
/// Converts between a CPU <see cref="FeatureMap"/> and the GPU's pack4 <c>[C/4][H][W][4]</c>, where channel
/// <c>c</c> of pixel <c>p</c> is component <c>c % 4</c> of vec4 <c>(c / 4)·H·W + p</c>. Padding channels
/// (past C in the last slice) are zero both ways.
/// </summary>
/// <remarks>
/// A blocked map (<c>[C/8][H][W][8]</c>) is the hot case: GPU slice <c>s</c> is half <c>s % 2</c> of CPU
/// block <c>s / 2</c>, so each pixel moves as one 4-float vector. A planar map (<c>[C][H][W]</c>, a few
/// channels at most) interleaves up to four planes into each slice, one component at a time.
/// </remarks>
public static class Pack4
{
    /// <summary>Channels per GPU slice (one vec4).</summary>
    public const int SliceSize = 4;

    /// <summary><c>ceil(channels / 4)</c>.</summary>
    public static int Slices(int channels) => (channels + SliceSize - 1) / SliceSize;

    /// <summary>Floats in the pack4 form of a map: <c>slices · H · W · 4</c>.</summary>
    public static int Floats(int channels, int height, int width) => Slices(channels) * height * width * SliceSize;

    /// <summary>Writes <paramref name="map"/> (either layout) into <paramref name="pack4"/> (at least <see cref="Floats"/> long).</summary>
    public static void FromFeatureMap(FeatureMap map, Span<float> pack4)
    {
        if (map.Layout == ChannelLayout.Planar)
        {
            FromPlanes(map, pack4);
            return;
        }
        int pixels = map.Height * map.Width, slices = Slices(map.Channels);
        var src = map.Span;
        for (int s = 0; s < slices; s++)
        {
            var block = src.Slice((s >> 1) * map.BlockStride + (s & 1) * SliceSize);
            var dst = pack4.Slice(s * pixels * SliceSize, pixels * SliceSize);
            // One 4-float vector per pixel: a span CopyTo per pixel costs more in call overhead than in copying.
            ref float from = ref MemoryMarshal.GetReference(block);
            ref float to = ref MemoryMarshal.GetReference(dst);
            if (block.Length < (pixels - 1) * FeatureMap.BlockSize + SliceSize) throw new ArgumentException("feature map shorter than its shape");
            for (int p = 0; p < pixels; p++)
                Vector128.LoadUnsafe(ref from, (nuint)(p * FeatureMap.BlockSize)).StoreUnsafe(ref to, (nuint)(p * SliceSize));
        }
    }

    /// <summary>Writes <paramref name="pack4"/> into <paramref name="map"/> (either layout), zeroing a blocked map's padding channels.</summary>
    public static void ToFeatureMap(ReadOnlySpan<float> pack4, FeatureMap map)
    {
        if (map.Layout == ChannelLayout.Planar)
        {
            ToPlanes(pack4, map);
            return;
        }
        int pixels = map.Height * map.Width, slices = Slices(map.Channels);
        var dst = map.Span;
        for (int s = 0; s < slices; s++)
        {
            var block = dst.Slice((s >> 1) * map.BlockStride + (s & 1) * SliceSize);
            var src = pack4.Slice(s * pixels * SliceSize, pixels * SliceSize);
            ref float from = ref MemoryMarshal.GetReference(src);
            ref float to = ref MemoryMarshal.GetReference(block);
            if (block.Length < (pixels - 1) * FeatureMap.BlockSize + SliceSize) throw new ArgumentException("feature map shorter than its shape");
            for (int p = 0; p < pixels; p++)
                Vector128.LoadUnsafe(ref from, (nuint)(p * SliceSize)).StoreUnsafe(ref to, (nuint)(p * FeatureMap.BlockSize));
        }
        // An odd slice count leaves the upper half of the last CPU block with no GPU slice: zero it.
        if (slices % 2 == 1)
        {
            var last = dst.Slice((slices >> 1) * map.BlockStride);
            for (int p = 0; p < pixels; p++) last.Slice(p * FeatureMap.BlockSize + SliceSize, SliceSize).Clear();
        }
    }

    /// <summary>Planar → pack4: component k of slice s is plane 4s + k, or zero past the last plane.</summary>
    private static void FromPlanes(FeatureMap map, Span<float> pack4)
    {
        int pixels = map.Height * map.Width, slices = Slices(map.Channels);
        ReadOnlySpan<float> src = map.Span;
        for (int s = 0; s < slices; s++)
        {
            var dst = pack4.Slice(s * pixels * SliceSize, pixels * SliceSize);
            for (int k = 0; k < SliceSize; k++)
            {
                int c = s * SliceSize + k;
                if (c >= map.Channels)
                {
                    for (int p = 0; p < pixels; p++) dst[p * SliceSize + k] = 0f;
                    continue;
                }
                var plane = src.Slice(map.IndexOf(c, 0, 0), pixels);
                for (int p = 0; p < pixels; p++) dst[p * SliceSize + k] = plane[p];
            }
        }
    }

    /// <summary>pack4 → planar: plane c is component c % 4 of slice c / 4; the padding components are dropped.</summary>
    private static void ToPlanes(ReadOnlySpan<float> pack4, FeatureMap map)
    {
        int pixels = map.Height * map.Width;
        var dst = map.Span;
        for (int c = 0; c < map.Channels; c++)
        {
            var src = pack4.Slice((c / SliceSize) * pixels * SliceSize + c % SliceSize);
            var plane = dst.Slice(map.IndexOf(c, 0, 0), pixels);
            for (int p = 0; p < pixels; p++) plane[p] = src[p * SliceSize];
        }
    }
}
