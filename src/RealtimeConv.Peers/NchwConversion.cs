using RealtimeConv.Tensors;

namespace RealtimeConv.Peers;

/// <summary>
/// Copies between our channel-blocked <see cref="FeatureMap"/> (<c>[C/8][H][W][8]</c>) and ONNX's
/// planar NCHW (N = 1) without allocating: the same mapping as <see cref="FeatureMap.FromPlanar"/>
/// and <see cref="FeatureMap.ToPlanar"/>, into caller-owned buffers.
/// </summary>
internal static class NchwConversion
{
    /// <summary>
    /// planar[c·H·W + p] = map[(c / 8)·BlockStride + p·8 + c % 8] for every real channel c and pixel p.
    /// </summary>
    public static void ToPlanar(FeatureMap map, Span<float> planar)
    {
        int plane = map.Height * map.Width;
        if (planar.Length != map.Channels * plane)
            throw new ArgumentException($"planar buffer has {planar.Length} values, the map {map.ShapeText} needs {map.Channels * plane}", nameof(planar));
        ReadOnlySpan<float> src = map.Span;
        for (int c = 0; c < map.Channels; c++)
        {
            var lane = src.Slice((c >> 3) * map.BlockStride + (c & 7));
            var dst = planar.Slice(c * plane, plane);
            for (int p = 0; p < dst.Length; p++) dst[p] = lane[p * FeatureMap.BlockSize];
        }
    }

    /// <summary>
    /// The inverse of <see cref="ToPlanar"/>, writing every float of the map: padding channels of the
    /// last block and the stride tail of each block become zero, as the pass contract requires.
    /// </summary>
    public static void FromPlanar(ReadOnlySpan<float> planar, FeatureMap map)
    {
        int plane = map.Height * map.Width;
        if (planar.Length != map.Channels * plane)
            throw new ArgumentException($"planar buffer has {planar.Length} values, the map {map.ShapeText} needs {map.Channels * plane}", nameof(planar));
        for (int b = 0; b < map.Blocks; b++)
        {
            var block = map.Block(b);
            int first = b * FeatureMap.BlockSize;
            int real = Math.Min(FeatureMap.BlockSize, map.Channels - first);
            if (real < FeatureMap.BlockSize) block.Clear();
            else block.Slice(plane * FeatureMap.BlockSize).Clear();
            for (int lane = 0; lane < real; lane++)
            {
                var src = planar.Slice((first + lane) * plane, plane);
                var dst = block.Slice(lane);
                for (int p = 0; p < src.Length; p++) dst[p * FeatureMap.BlockSize] = src[p];
            }
        }
    }
}
