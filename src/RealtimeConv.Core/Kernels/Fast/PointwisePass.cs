using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// A 1×1 convolution as a GEMM over pixels: <c>out[p][n] = act(bias[n] + Σ_m in[p][m] · P[n][m])</c>,
/// computed by the 6 × 16 micro-kernel on weights packed once as <c>[N/16][M][16]</c>.
/// </summary>
/// <remarks>
/// The input may be blocked or planar (a 3-channel image: the micro-kernel then broadcasts from 3 planes
/// instead of 3 lanes of a block, and reads 3/8 of the bytes); the output is blocked.
/// Stride 1 treats the whole map as one run of H·W pixels (both layouts keep a block's pixels
/// contiguous), cut into items of up to <see cref="ChunkPixels"/> that workers take. Stride 2 reads
/// input pixel (2·oy, 2·ox): each output row is an item, a run whose input pixels are two pixels apart,
/// cut into the same chunks. Every n-tile of a chunk is computed while its input is still in L1/L2.
/// </remarks>
internal sealed unsafe class PointwisePass<T> : IConvPass, IMapJob where T : struct, IVectorMath
{
    /// <summary>
    /// Input channels per reduction block (a multiple of 8). Past it the reduction is split and partial
    /// sums go through the output: a chunk of 192 pixels × 256 channels is 192 KiB, which stays in the
    /// 512 KiB L2 while all n-tiles read it.
    /// </summary>
    internal const int ChannelBlock = 256;

    /// <summary>Pixels per chunk: 32 tiles of 6.</summary>
    private const int ChunkPixels = 32 * GemmMicroKernels.TilePixels;

    /// <summary>Stride-1 items a map is cut into at least, where it has the pixels (<see cref="ItemPixels"/>).</summary>
    private const int MinItems = 16;

    private readonly WorkerTeam _team;
    private readonly AlignedBuffer _panels;
    private readonly AlignedBuffer _bias;
    private readonly OutputClamp _clamp;
    private readonly long _streamAboveBytes;
    private readonly LayoutStandIns _standIns;
    private readonly Lock _runGate = new();

    /// <param name="layer">The pointwise layer.</param>
    /// <param name="team">The workers.</param>
    /// <param name="streamAboveBytes">Outputs larger than this are written with non-temporal stores.</param>
    public PointwisePass(ConvLayer layer, WorkerTeam team, long streamAboveBytes)
    {
        Layer = layer;
        _team = team;
        _standIns = new LayoutStandIns(team);
        _streamAboveBytes = streamAboveBytes;
        _panels = GemmMicroKernels.PackPanels(layer.Weights, layer.OutChannels, layer.InChannels, 1);
        _bias = GemmMicroKernels.PackBias(layer.Bias, layer.OutChannels);
        _clamp = OutputClamp.For(layer.Activation);
    }

    public ConvLayer Layer { get; }

    public void Run(FeatureMap input, FeatureMap output)
    {
        ConvPassExtensions.CheckShapes(Layer, input, output);
        // The GEMM tile is 16 channels of a pixel: it writes blocked maps only, and reads either layout.
        lock (_runGate)
        {
            var (source, target) = _standIns.Begin(input, input.Layout, output, ChannelLayout.Blocked);
            _team.Run(this, source, target);
            _standIns.Finish(target, output);
        }
    }

    /// <summary>Items: at stride 1 runs of <see cref="ItemPixels"/> of the H·W pixels, at stride 2 output rows.</summary>
    public int CountItems(FeatureMap input, FeatureMap output)
    {
        if (Layer.Stride != 1) return output.Height;
        int pixels = input.Height * input.Width;
        return (pixels + ItemPixels(pixels) - 1) / ItemPixels(pixels);
    }

    /// <summary>
    /// Pixels per stride-1 item: a whole chunk, or on small maps (deep layers: 14 × 14 × 512) whole tiles enough
    /// for at least <see cref="MinItems"/> items, so that every worker gets a share; with one 192-pixel item such a
    /// layer ran on one thread. It depends on the map only, and a pixel's sums do not depend on where its run
    /// starts, so the bits do not change with it.
    /// </summary>
    private static int ItemPixels(int pixels)
    {
        int tiles = Math.Max(1, pixels / MinItems / GemmMicroKernels.TilePixels);
        return Math.Min(tiles * GemmMicroKernels.TilePixels, ChunkPixels);
    }

    public void Execute(int worker, WorkItems items, FeatureMap input, FeatureMap output)
    {
        bool stream = (long)output.Length * sizeof(float) > _streamAboveBytes && !_standIns.IsOutputStandIn(output);
        int pixels = input.Height * input.Width, itemPixels = ItemPixels(pixels);
        while (items.TryTake(worker, out int item))
        {
            if (Layer.Stride == 1)
            {
                int p0 = item * itemPixels, count = Math.Min(itemPixels, pixels - p0);
                ComputeRun(input.Pointer + p0 * input.Lanes, input.Lanes, input.BlockStride, input.Lanes, output.Pointer + p0 * 8, output.BlockStride, count, stream);
                continue;
            }
            int oy = item;
            ComputeRun(input.Pointer + 2 * oy * input.RowStride, 2 * input.Lanes, input.BlockStride, input.Lanes,
                output.Pointer + oy * output.RowStride, output.BlockStride, output.Width, stream);
        }
        if (stream) T.StreamingFence();
    }

    /// <summary>
    /// Computes every output channel of <paramref name="pixels"/> consecutive output pixels whose input
    /// pixels are <paramref name="inStep"/> floats apart, in blocks of <paramref name="inLanes"/> channels
    /// (8, or 1 for planes) <paramref name="inBlockStride"/> floats apart: the row-band unit a fused kernel can call.
    /// <paramref name="stream"/> writes the final values with non-temporal stores (the caller fences).
    /// </summary>
    internal void ComputeRun(float* input, int inStep, int inBlockStride, int inLanes, float* output, int outBlockStride, int pixels, bool stream)
    {
        int m = Layer.InChannels;
        int outBlocks = (Layer.OutChannels + 7) / 8;
        int tiles = (outBlocks + 1) / 2;
        GemmTap tap;
        for (int c = 0; c < pixels; c += ChunkPixels)
        {
            int count = Math.Min(ChunkPixels, pixels - c);
            int groups = count / GemmMicroKernels.TilePixels;
            int rest = count - groups * GemmMicroKernels.TilePixels;
            float* chunkIn = input + c * inStep;
            for (int nt = 0; nt < tiles; nt++)
            {
                float* panel = _panels.Pointer + nt * m * GemmMicroKernels.TileChannels;
                float* chunkOut = output + 2 * nt * outBlockStride + c * 8;
                bool both = 2 * nt + 1 < outBlocks;
                for (int m0 = 0; m0 < m; m0 += ChannelBlock)
                {
                    int channels = Math.Min(ChannelBlock, m - m0);
                    tap.InputOffset = m0 / inLanes * inBlockStride;
                    tap.WeightOffset = m0 * GemmMicroKernels.TileChannels;
                    var epilogue = new TileEpilogue(_bias.Pointer + nt * GemmMicroKernels.TileChannels,
                        accumulate: m0 > 0, finish: m0 + channels == m, _clamp, stream);
                    if (both)
                        GemmMicroKernels.Tiles6x16<T>(&tap, 1, chunkIn, inStep, inBlockStride, inLanes, channels, panel, chunkOut, outBlockStride, groups, epilogue);
                    else
                        GemmMicroKernels.Tiles6x8<T>(&tap, 1, chunkIn, inStep, inBlockStride, inLanes, channels, panel, chunkOut, groups, epilogue);
                    if (rest > 0 && groups > 0 && channels == m)
                    {
                        // Unsplit reduction: one more tile ending at the chunk's end, overlapping the
                        // previous one (recomputed bit-identically). A split reduction cannot do this, as
                        // the overlapped pixels would be accumulated twice.
                        int last = count - GemmMicroKernels.TilePixels;
                        if (both)
                            GemmMicroKernels.Tiles6x16<T>(&tap, 1, chunkIn + last * inStep, inStep, inBlockStride, inLanes, channels, panel, chunkOut + last * 8, outBlockStride, 1, epilogue);
                        else
                            GemmMicroKernels.Tiles6x8<T>(&tap, 1, chunkIn + last * inStep, inStep, inBlockStride, inLanes, channels, panel, chunkOut + last * 8, 1, epilogue);
                    }
                    else if (rest > 0)
                        GemmMicroKernels.Pixels1x16<T>(&tap, 1, chunkIn + groups * GemmMicroKernels.TilePixels * inStep, inStep, inBlockStride, inLanes, channels,
                            panel, chunkOut + groups * GemmMicroKernels.TilePixels * 8, both ? outBlockStride : 0, rest, epilogue);
                }
            }
        }
    }
}
