using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// Depthwise then pointwise in one pass over bands of two output rows: each worker computes the
/// depthwise rows of a band for every channel block into its own tile (<c>[blocks][2][W][8]</c>, a few
/// tens of KiB, so it stays in L1/L2) and hands the tile straight to the pointwise GEMM, which reads it
/// while it is still cached. The depthwise result never exists as a whole map, so the pair moves
/// input + output through memory instead of input + 2 × intermediate + output.
/// </summary>
/// <remarks>
/// <code>
///   out[n][y][x] = act_pw(b_pw[n] + Σ_m P[n][m] · act_dw(b_dw[m] + Σ_{ky,kx} w[m][ky][kx] · in[m/d][y·s − p + ky][x·s − p + kx]))
/// </code>
/// The arithmetic is that of the two unfused passes, operation for operation: the depthwise rows come from
/// <see cref="DepthwisePass{T}.ComputeRows"/> and the pointwise from <see cref="PointwisePass{T}.ComputeRun"/>,
/// whose per-pixel sums do not depend on where a run of pixels starts. So the output is bit-identical to
/// running the two passes, whatever the thread count. Workers take whole bands as items (<see cref="WorkItems"/>).
/// A planar input (a 3-channel image) stays planar through the tile (<c>[C][2][W]</c>), which the pointwise
/// GEMM reads plane by plane; the output is blocked, or goes through a blocked stand-in when planar.
/// </remarks>
internal sealed unsafe class FusedSeparablePass<T> : ISeparablePass, IMapJob where T : struct, IVectorMath
{
    /// <summary>Output rows per band: the depthwise row-pair kernel's unit.</summary>
    private const int BandRows = 2;

    private readonly WorkerTeam _team;
    private readonly DepthwisePass<T> _depthwise;
    private readonly PointwisePass<T> _pointwise;
    private readonly long _streamAboveBytes;
    private readonly Lock _runGate = new();
    private readonly LayoutStandIns _standIns;
    private AlignedBuffer[]? _tiles;
    private int _tileWidth;

    /// <param name="depthwise">The depthwise layer.</param>
    /// <param name="pointwise">The pointwise layer: stride 1, reading the depthwise layer's channels.</param>
    /// <param name="team">The workers.</param>
    /// <param name="streamAboveBytes">Outputs larger than this are written with non-temporal stores.</param>
    public FusedSeparablePass(ConvLayer depthwise, ConvLayer pointwise, WorkerTeam team, long streamAboveBytes)
    {
        if (!CanFuse(depthwise, pointwise))
            throw new ArgumentException($"layers '{depthwise.Name}' and '{pointwise.Name}' are not a depthwise layer followed by a stride-1 pointwise layer on its channels");
        _team = team;
        _standIns = new LayoutStandIns(team);
        _streamAboveBytes = streamAboveBytes;
        // The tile is never large, so the depthwise part always stores normally (it must stay cached).
        _depthwise = new DepthwisePass<T>(depthwise, team, streamAboveBytes: long.MaxValue);
        _pointwise = new PointwisePass<T>(pointwise, team, streamAboveBytes);
    }

    public ConvLayer Depthwise => _depthwise.Layer;

    public ConvLayer Pointwise => _pointwise.Layer;

    /// <summary>Whether the pair can run fused: depthwise, then a stride-1 pointwise layer that reads its outputs.</summary>
    public static bool CanFuse(ConvLayer depthwise, ConvLayer pointwise) =>
        depthwise.Kind == ConvKind.Depthwise && pointwise.Kind == ConvKind.Pointwise
        && pointwise.Stride == 1 && pointwise.InChannels == depthwise.OutChannels;

    public void Run(FeatureMap input, FeatureMap output)
    {
        var dw = Depthwise;
        if (input.Channels != dw.InChannels)
            throw new ArgumentException($"layer '{dw.Name}' takes {dw.InChannels} channels, the input has {input.Channels}");
        int oh = dw.OutputSize(input.Height), ow = dw.OutputSize(input.Width);
        if (output.Channels != Pointwise.OutChannels || output.Height != oh || output.Width != ow)
            throw new ArgumentException($"layers '{dw.Name}' + '{Pointwise.Name}' make {Pointwise.OutChannels}×{oh}×{ow} from {input.ShapeText}, the output is {output.ShapeText}");
        lock (_runGate)
        {
            var (source, target) = _standIns.Begin(input, input.Layout, output, ChannelLayout.Blocked);
            _depthwise.EnsureScratch(source);
            if (_tiles is null || _tileWidth < ow)
            {
                // Sized for the widest output seen so far, in either layout; only a wider one allocates again.
                _tileWidth = ow;
                _tiles = new AlignedBuffer[_team.Count];
                for (int i = 0; i < _tiles.Length; i++) _tiles[i] = new AlignedBuffer(TileFloats(dw.OutChannels, ow));
            }
            _team.Run(this, source, target);
            _standIns.Finish(target, output);
        }
    }

    /// <summary>Items: bands of <see cref="BandRows"/> output rows, all channels.</summary>
    public int CountItems(FeatureMap input, FeatureMap output) => (output.Height + BandRows - 1) / BandRows;

    public void Execute(int worker, WorkItems items, FeatureMap input, FeatureMap output)
    {
        int outHeight = output.Height, outWidth = output.Width;
        // The tile is in the input's layout: midBlocks blocks of 8 channels, or one plane per channel.
        int lanes = input.Lanes, midBlocks = (Depthwise.OutChannels + lanes - 1) / lanes;
        int tileRow = outWidth * lanes, tileBlock = TileBlockStride(outWidth, lanes);
        bool pairs = _depthwise.PairsRows(input);
        bool stream = (long)output.Length * sizeof(float) > _streamAboveBytes && !_standIns.IsOutputStandIn(output);
        // The kernels below write the tile through raw pointers: a tile too small must fail here, not corrupt the heap.
        if ((long)midBlocks * tileBlock > _tiles![worker].Length)
            throw new InvalidOperationException($"fused tile of {_tiles[worker].Length} floats cannot hold {midBlocks} × {tileBlock}");
        float* tile = _tiles[worker].Pointer;
        _depthwise.ForgetSplitRows(worker);
        while (items.TryTake(worker, out int band))
        {
            int oy = band * BandRows, rows = Math.Min(BandRows, outHeight - oy);
            for (int ob = 0; ob < midBlocks; ob++)
            {
                float* tileOut = tile + ob * tileBlock;
                if (pairs && rows == 2)
                {
                    // While this block sweeps, fetch the next one's new rows (past the last block: the next band's first).
                    var ahead = ob + 1 < midBlocks ? _depthwise.BandAhead(input, ob + 1, oy)
                        : oy + BandRows < outHeight ? _depthwise.BandAhead(input, 0, oy + BandRows) : ReadAhead.None;
                    _depthwise.ComputeRows(worker, input, ob, oy, 2, tileOut, tileRow, ahead);
                }
                else
                    for (int r = 0; r < rows; r++)
                        _depthwise.ComputeRows(worker, input, ob, oy + r, 1, tileOut + r * tileRow, tileRow);
            }
            // The band's rows are consecutive in every output block, as they are in the tile: one run of pixels.
            _pointwise.ComputeRun(tile, lanes, tileBlock, lanes, output.Pointer + oy * output.RowStride, output.BlockStride,
                rows * outWidth, stream);
        }
        if (stream) T.StreamingFence();
    }

    /// <summary>
    /// Floats of a tile of <paramref name="channels"/> channels and <paramref name="width"/> pixels in whichever
    /// layout needs more: each plane is rounded up to a cache line on its own, so C planes of 2·W floats can
    /// take more than ceil(C/8) blocks of 16·W (a 12-plane tile of width 9, say).
    /// </summary>
    private static int TileFloats(int channels, int width) =>
        Math.Max((channels + FeatureMap.BlockSize - 1) / FeatureMap.BlockSize * TileBlockStride(width), channels * TileBlockStride(width, 1));

    /// <summary>Floats per block (or plane) of a tile: two rows, padded off multiples of 4 KiB like a map's blocks.</summary>
    private static int TileBlockStride(int width, int lanes = FeatureMap.BlockSize) => FeatureMap.PaddedBlockStride(BandRows, width, lanes);
}
