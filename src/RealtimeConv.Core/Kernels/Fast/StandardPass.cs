using System.Runtime.CompilerServices;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// A K×K convolution M → N as an implicit GEMM: the reduction runs over the K² taps and the M real
/// input channels, with the same 6 × 16 micro-kernel as the pointwise pass on weights packed once as
/// <c>[N/16][K²][M][16]</c>.
/// </summary>
/// <remarks>
/// <code>
///   out[n][oy][ox] = act(bias[n] + Σ_{ky,kx} Σ_m W[n][m][ky][kx] · in[m][oy·s − p + ky][ox·s − p + kx])
/// </code>
/// No padded copy of the input: rows above or below the image are dropped from the row's tap list
/// (they contribute zeros), the interior columns, whose K taps all fall inside the row, go through the
/// 6-pixel tiles, and the few edge columns go one pixel at a time with their own clipped tap list.
/// Only real input channels are iterated, so a 3-channel image does 3/8 of a block's work. The input may be
/// blocked or planar (taps then step one float per pixel and channels one plane apart); the output is
/// blocked. Workers take whole output rows as items (<see cref="WorkItems"/>).
/// </remarks>
internal sealed unsafe class StandardPass<T> : IConvPass, IMapJob where T : struct, IVectorMath
{
    private readonly WorkerTeam _team;
    private readonly AlignedBuffer _panels;
    private readonly AlignedBuffer _bias;
    private readonly OutputClamp _clamp;
    private readonly GemmTap[] _taps;
    private readonly long _streamAboveBytes;
    private readonly LayoutStandIns _standIns;
    private readonly Lock _runGate = new();

    /// <param name="layer">The standard layer.</param>
    /// <param name="team">The workers.</param>
    /// <param name="streamAboveBytes">Outputs larger than this are written with non-temporal stores.</param>
    public StandardPass(ConvLayer layer, WorkerTeam team, long streamAboveBytes)
    {
        Layer = layer;
        _team = team;
        _standIns = new LayoutStandIns(team);
        _streamAboveBytes = streamAboveBytes;
        int k2 = layer.Kernel * layer.Kernel;
        _panels = GemmMicroKernels.PackPanels(layer.Weights, layer.OutChannels, layer.InChannels, k2);
        _bias = GemmMicroKernels.PackBias(layer.Bias, layer.OutChannels);
        _clamp = OutputClamp.For(layer.Activation);
        // Two tap lists per worker (interior and edge pixel), fixed size, made once.
        _taps = GC.AllocateArray<GemmTap>(2 * k2 * team.Count, pinned: true);
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

    /// <summary>Items: output rows.</summary>
    public int CountItems(FeatureMap input, FeatureMap output) => output.Height;

    public void Execute(int worker, WorkItems items, FeatureMap input, FeatureMap output)
    {
        int k = Layer.Kernel, k2 = k * k, pad = Layer.Padding, s = Layer.Stride, m = Layer.InChannels, lanes = input.Lanes;
        int width = input.Width, height = input.Height, outWidth = output.Width;
        int outBlocks = output.Blocks, tiles = (outBlocks + 1) / 2;
        int panelFloats = k2 * m * GemmMicroKernels.TileChannels;
        var (x0, x1) = ConvGeometry.InteriorColumns(width, outWidth, k, s);
        GemmTap* rowTaps = (GemmTap*)Unsafe.AsPointer(ref _taps[2 * k2 * worker]);
        GemmTap* edgeTaps = rowTaps + k2;
        bool stream = (long)output.Length * sizeof(float) > _streamAboveBytes && !_standIns.IsOutputStandIn(output);
        while (items.TryTake(worker, out int oy))
        {
            // Taps whose input row oy·s − p + ky lies inside the image.
            int ky0 = Math.Max(0, pad - oy * s), ky1 = Math.Min(k, height + pad - oy * s);
            int rowTapCount = 0;
            for (int ky = ky0; ky < ky1; ky++)
                for (int kx = 0; kx < k; kx++)
                    rowTaps[rowTapCount++] = new GemmTap { InputOffset = ((ky - pad) * width + kx - pad) * lanes, WeightOffset = (ky * k + kx) * m * GemmMicroKernels.TileChannels };
            // Anchor: the input pixel (oy·s, ox·s) under the kernel's centre; taps are relative to it.
            float* rowIn = input.Pointer + oy * s * input.RowStride;
            float* rowOut = output.Pointer + oy * output.RowStride;
            int groups = (x1 - x0) / GemmMicroKernels.TilePixels;
            int rest = x1 - x0 - groups * GemmMicroKernels.TilePixels;
            for (int nt = 0; nt < tiles; nt++)
            {
                float* panel = _panels.Pointer + nt * panelFloats;
                float* tileOut = rowOut + 2 * nt * output.BlockStride;
                bool both = 2 * nt + 1 < outBlocks;
                int secondBlock = both ? output.BlockStride : 0;
                var epilogue = new TileEpilogue(_bias.Pointer + nt * GemmMicroKernels.TileChannels, accumulate: false, finish: true, _clamp, stream);
                if (both)
                    GemmMicroKernels.Tiles6x16<T>(rowTaps, rowTapCount, rowIn + x0 * s * lanes, s * lanes, input.BlockStride, lanes, m, panel, tileOut + x0 * 8, output.BlockStride, groups, epilogue);
                else
                    GemmMicroKernels.Tiles6x8<T>(rowTaps, rowTapCount, rowIn + x0 * s * lanes, s * lanes, input.BlockStride, lanes, m, panel, tileOut + x0 * 8, groups, epilogue);
                if (rest > 0 && groups > 0)
                {
                    // One more tile ending at x1, overlapping the previous one (its pixels are recomputed
                    // bit-identically), instead of up to 5 pixels through the one-pixel path.
                    int xl = x1 - GemmMicroKernels.TilePixels;
                    if (both)
                        GemmMicroKernels.Tiles6x16<T>(rowTaps, rowTapCount, rowIn + xl * s * lanes, s * lanes, input.BlockStride, lanes, m, panel, tileOut + xl * 8, output.BlockStride, 1, epilogue);
                    else
                        GemmMicroKernels.Tiles6x8<T>(rowTaps, rowTapCount, rowIn + xl * s * lanes, s * lanes, input.BlockStride, lanes, m, panel, tileOut + xl * 8, 1, epilogue);
                }
                else
                {
                    int xr = x0 + groups * GemmMicroKernels.TilePixels;
                    GemmMicroKernels.Pixels1x16<T>(rowTaps, rowTapCount, rowIn + xr * s * lanes, s * lanes, input.BlockStride, lanes, m, panel, tileOut + xr * 8, secondBlock, rest, epilogue);
                }
                for (int ox = 0; ox < outWidth; ox++)
                {
                    if (ox == x0) ox = Math.Max(x1, x0);
                    if (ox >= outWidth) break;
                    // Edge column: keep the taps whose input column ox·s − p + kx lies inside the row.
                    int kx0 = Math.Max(0, pad - ox * s), kx1 = Math.Min(k, width + pad - ox * s);
                    int edgeTapCount = 0;
                    for (int ky = ky0; ky < ky1; ky++)
                        for (int kx = kx0; kx < kx1; kx++)
                            edgeTaps[edgeTapCount++] = new GemmTap { InputOffset = ((ky - pad) * width + kx - pad) * lanes, WeightOffset = (ky * k + kx) * m * GemmMicroKernels.TileChannels };
                    GemmMicroKernels.EdgePixels1x16<T>(edgeTaps, edgeTapCount, rowIn + ox * s * lanes, s * lanes, input.BlockStride, lanes, m, panel, tileOut + ox * 8, secondBlock, 1, epilogue);
                }
            }
        }
        if (stream) T.StreamingFence();
    }
}
