using System.Runtime.Intrinsics;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// A depthwise K×K convolution M → M·d over channel blocks: output block b reads input block
/// <c>b / d</c> (its 8 channels o read input channels <c>o / d</c>, which always fall in that one block).
/// Workers take (block, band) items (<see cref="WorkItems"/>): with stride 1 and d = 1 a band is two output rows
/// computed in one sweep by <see cref="DepthwiseRowPairKernel"/>, otherwise one row through <see cref="DepthwiseRowKernel"/>.
/// Outputs larger than the backend's streaming threshold are computed into the worker's cached staging
/// rows and then written out with non-temporal stores in whole lines (<see cref="LineStreamer"/>).
/// A planar input (a 3-channel image) is computed planar, plane by plane, moving 3 floats a pixel instead of
/// a block's 8 (output plane o reads input plane o / d): two rows at a time through
/// <see cref="PlanarDepthwiseKernel"/> at stride 1, one through <see cref="PlanarStrideTwoKernel"/> at stride 2.
/// A blocked output of a planar input is stored block by block from the computed planes (8 × 8 transposes in
/// cache); a planar output of a blocked input goes through a stand-in (<see cref="LayoutStandIns"/>).
/// </summary>
/// <remarks>
/// For d = 1 the kernel reads the input rows in place. For d &gt; 1 an output block mixes its input
/// block's lanes (d = 2: lanes 0,0,1,1,2,2,3,3 or 4,4,5,5,…), so the rows it needs are first permuted
/// once into the worker's scratch (K rows, one permute per input pixel instead of one per tap).
/// </remarks>
internal sealed unsafe class DepthwisePass<T> : IConvPass, IMapJob where T : struct, IVectorMath
{
    private readonly WorkerTeam _team;
    private readonly AlignedBuffer _weights;
    private readonly AlignedBuffer _bias;
    private AlignedBuffer? _planeWeights;
    private AlignedBuffer? _planeBias;
    private readonly int[] _lanes;
    private readonly OutputClamp _clamp;
    private readonly long _streamAboveBytes;
    private readonly Lock _runGate = new();
    private readonly LayoutStandIns _standIns;
    private AlignedBuffer[]? _scratch;
    private AlignedBuffer[]? _staging;
    private AlignedBuffer[]? _planeScratch;
    private AlignedBuffer[]? _planeRows;
    private (nint Row0, int Ky0, int Ky1)[] _splitRows = [];

    /// <param name="layer">The depthwise layer.</param>
    /// <param name="team">The workers.</param>
    /// <param name="streamAboveBytes">Outputs larger than this are written with non-temporal stores.</param>
    public DepthwisePass(ConvLayer layer, WorkerTeam team, long streamAboveBytes)
    {
        Layer = layer;
        _team = team;
        _standIns = new LayoutStandIns(team);
        _streamAboveBytes = streamAboveBytes;
        int k2 = layer.Kernel * layer.Kernel, d = layer.Multiplier;
        int outBlocks = (layer.OutChannels + 7) / 8;
        // Taps packed [block][K²][8]; padding channels get zero weights and bias, so they stay zero.
        _weights = new AlignedBuffer(outBlocks * k2 * 8);
        _bias = new AlignedBuffer(outBlocks * 8);
        _lanes = new int[outBlocks * 8];
        var weights = _weights.Span;
        for (int o = 0; o < layer.OutChannels; o++)
            for (int t = 0; t < k2; t++)
                weights[(o / 8 * k2 + t) * 8 + o % 8] = layer.Weights[o * k2 + t];
        layer.Bias.CopyTo(_bias.Span);
        for (int o = 0; o < outBlocks * 8; o++) _lanes[o] = o / d % 8;
        _clamp = OutputClamp.For(layer.Activation);
    }

    public ConvLayer Layer { get; }

    public void Run(FeatureMap input, FeatureMap output)
    {
        ConvPassExtensions.CheckShapes(Layer, input, output);
        lock (_runGate)
        {
            // The kernels compute in the input's layout (both have kernels for both strides), and planes can be
            // stored as blocks directly; only a blocked input with a planar output goes through a stand-in.
            var outputLayout = input.Layout == ChannelLayout.Planar ? output.Layout : ChannelLayout.Blocked;
            var (source, target) = _standIns.Begin(input, input.Layout, output, outputLayout);
            EnsureScratch(source);
            if (source.Layout == ChannelLayout.Planar && target.Layout == ChannelLayout.Blocked) EnsurePlaneRows(target.Width);
            if (Streams(target)) EnsureStaging(target.Width);
            _team.Run(this, source, target);
            _standIns.Finish(target, output);
        }
    }

    /// <summary>
    /// Sizes the per-worker scratch for <paramref name="input"/>: the rows that d &gt; 1 permutes into, or the
    /// planar kernel's padded end vectors and junk row; only a wider input than any before allocates again.
    /// Callers hold the run gate (or run on the team's own lock).
    /// </summary>
    internal void EnsureScratch(FeatureMap input)
    {
        int width = input.Width;
        if (input.Layout == ChannelLayout.Planar)
        {
            PackPlaneTaps();
            int floats = Layer.Stride == 1
                ? PlanarDepthwiseKernel.ScratchFloats(Layer.Kernel) + width
                : PlanarStrideTwoKernel.ScratchFloats(Layer.Kernel, width);
            if (_planeScratch is null || _planeScratch[0].Length < floats)
            {
                _planeScratch = new AlignedBuffer[_team.Count];
                for (int i = 0; i < _planeScratch.Length; i++) _planeScratch[i] = new AlignedBuffer(floats);
                _splitRows = new (nint, int, int)[_team.Count];
            }
            return;
        }
        int rowFloats = Layer.Kernel * width * 8;
        if (Layer.Multiplier > 1 && (_scratch is null || _scratch[0].Length < rowFloats))
        {
            _scratch = new AlignedBuffer[_team.Count];
            for (int i = 0; i < _scratch.Length; i++) _scratch[i] = new AlignedBuffer(rowFloats);
        }
    }

    /// <summary>
    /// Packs the taps for planes on the first planar run (most layers never see one): one channel per plane,
    /// so every tap and the bias are broadcast over a vector of pixels, <c>[C][K²][8]</c> and <c>[C][8]</c>.
    /// </summary>
    private void PackPlaneTaps()
    {
        if (_planeWeights is not null) return;
        int k2 = Layer.Kernel * Layer.Kernel, channels = Layer.OutChannels;
        var weights = new AlignedBuffer(channels * k2 * 8);
        var bias = new AlignedBuffer(channels * 8);
        for (int o = 0; o < channels; o++)
        {
            for (int t = 0; t < k2; t++) weights.Span.Slice((o * k2 + t) * 8, 8).Fill(Layer.Weights[o * k2 + t]);
            bias.Span.Slice(o * 8, 8).Fill(Layer.HasBias ? Layer.Bias[o] : 0f);
        }
        (_planeWeights, _planeBias) = (weights, bias);
    }

    /// <summary>
    /// Whether <paramref name="output"/> is large enough to be written past the caches. Planar outputs never
    /// are (their rows do not start on cache lines, and whole lines are what makes streaming pay), nor an
    /// output stand-in, which is read straight back.
    /// </summary>
    private bool Streams(FeatureMap output) =>
        output.Layout == ChannelLayout.Blocked && (long)output.Length * sizeof(float) > _streamAboveBytes && !_standIns.IsOutputStandIn(output);

    /// <summary>
    /// Sizes the per-worker staging rows that streamed outputs are computed into: two output rows, the most
    /// one item computes (a band of the pair kernel; other layers use the first row only).
    /// </summary>
    private void EnsureStaging(int outWidth)
    {
        int floats = 2 * outWidth * 8;
        if (_staging is null || _staging[0].Length < floats)
        {
            _staging = new AlignedBuffer[_team.Count];
            for (int i = 0; i < _staging.Length; i++) _staging[i] = new AlignedBuffer(floats);
        }
    }

    /// <summary>
    /// Items are (block, band) pairs; a band is two output rows where the pair kernel applies, else one. Planes
    /// at stride 2 go row by row instead, so that the d output planes of one input plane follow each other and
    /// share its split rows.
    /// </summary>
    public int CountItems(FeatureMap input, FeatureMap output) => output.Blocks * Bands(input, output);

    public void Execute(int worker, WorkItems items, FeatureMap input, FeatureMap output)
    {
        int rowsPerBand = PairsRows(input) ? 2 : 1;
        int outHeight = output.Height, bands = Bands(input, output), blocks = output.Blocks;
        bool rowMajor = input.Layout == ChannelLayout.Planar && Layer.Stride == 2;
        bool planesToBlocks = input.Layout == ChannelLayout.Planar && output.Layout == ChannelLayout.Blocked;
        int rowStride = output.RowStride;
        float* staging = Streams(output) ? _staging![worker].Pointer : null;
        ForgetSplitRows(worker);
        while (items.TryTake(worker, out int item))
        {
            int ob = rowMajor ? item % blocks : item / bands;
            int oy = (rowMajor ? item / blocks : item - ob * bands) * rowsPerBand;
            int rows = Math.Min(rowsPerBand, outHeight - oy);
            float* outRow = output.Pointer + ob * output.BlockStride + oy * rowStride;
            float* rowsAt = staging is null ? outRow : staging;
            if (planesToBlocks) ComputeBlockFromPlanes(worker, input, ob, oy, rows, rowsAt, rowStride, output.Channels, output.Width);
            else ComputeRows(worker, input, ob, oy, rows, rowsAt, rowStride, NextItemAhead(input, item + 1, bands, outHeight));
            if (staging is not null) LineStreamer.Copy<T>(staging, outRow, rows * rowStride);
        }
        if (staging is not null) T.StreamingFence();
    }

    /// <summary>
    /// The new input rows of item <paramref name="next"/>, the one a worker takes after the current item while its own
    /// range lasts (the next band of the block, or the next block's first): nothing past the last item, or where the
    /// items are not pair bands of a blocked input.
    /// </summary>
    private ReadAhead NextItemAhead(FeatureMap input, int next, int bands, int outHeight)
    {
        // Bands of one row (no pair kernel) have nothing to read ahead; BandAhead says so for every other case.
        if (!PairsRows(input)) return ReadAhead.None;
        int ob = next / bands, oy = (next - ob * bands) * 2;
        return ob < (Layer.OutChannels + 7) / 8 && oy < outHeight ? BandAhead(input, ob, oy) : ReadAhead.None;
    }

    /// <summary>
    /// The input rows that the pair band at output row <paramref name="oy"/> of block <paramref name="ob"/> reads and the
    /// band above it did not: the last two rows of its K + 1 (oy + K − 1 − p and oy + K − p), clipped to the image.
    /// Where the caller knows which band it computes next, these go to <see cref="ComputeRows"/>'s read-ahead.
    /// Only for a blocked input at stride 1 and multiplier 1 (<see cref="PairsRows"/>); nothing otherwise.
    /// </summary>
    internal ReadAhead BandAhead(FeatureMap input, int ob, int oy)
    {
        if (!PairsRows(input) || input.Layout != ChannelLayout.Blocked) return ReadAhead.None;
        int last = oy + Layer.Kernel - Layer.Padding, first = Math.Max(0, last - 1);
        last = Math.Min(last, input.Height - 1);
        if (last < first) return ReadAhead.None;
        float* start = input.Pointer + ob * input.BlockStride + first * input.RowStride;
        return new ReadAhead(start, (last - first + 1) * input.RowStride * sizeof(float));
    }

    /// <summary>
    /// Output rows <c>oy .. oy + rows − 1</c> of output block <paramref name="ob"/> from a planar input: the block's
    /// (up to 8) planes are computed into the worker's plane rows by <see cref="ComputeRows"/> and, still in cache,
    /// transposed into the block's pixels (zero past the last channel) by <see cref="FeatureMap.GatherPixels"/>.
    /// Computing the planes into a whole planar stand-in and converting that after moved every value through
    /// memory twice more: 3 → 12 channels at 512² took 5.1 ms that way, about 3.8 ms this way, 2.5 ms for the
    /// planes alone (a block's 16 lanes store 16/12 as many bytes).
    /// </summary>
    private void ComputeBlockFromPlanes(int worker, FeatureMap input, int ob, int oy, int rows, float* outRow, int outRowStride, int channels, int outWidth)
    {
        float* planeRows = _planeRows![worker].Pointer;
        int planeRowStride = PlaneRowStride(outWidth), lanes = Math.Min(FeatureMap.BlockSize, channels - ob * FeatureMap.BlockSize);
        for (int lane = 0; lane < lanes; lane++)
            ComputeRows(worker, input, ob * FeatureMap.BlockSize + lane, oy, rows, planeRows + lane * 2 * planeRowStride, planeRowStride);
        var planes = stackalloc float*[FeatureMap.BlockSize];
        for (int r = 0; r < rows; r++)
        {
            for (int lane = 0; lane < lanes; lane++) planes[lane] = planeRows + (lane * 2 + r) * planeRowStride;
            FeatureMap.GatherPixels(planes, lanes, outRow + r * outRowStride, outWidth);
        }
    }

    /// <summary>Floats between a worker's plane rows: the output width rounded up to whole vectors.</summary>
    private static int PlaneRowStride(int outWidth) => (outWidth + 7) / 8 * 8;

    /// <summary>Sizes the per-worker plane rows of <see cref="ComputeBlockFromPlanes"/>: 8 planes × 2 rows.</summary>
    private void EnsurePlaneRows(int outWidth)
    {
        int floats = FeatureMap.BlockSize * 2 * PlaneRowStride(outWidth);
        if (_planeRows is null || _planeRows[0].Length < floats)
        {
            _planeRows = new AlignedBuffer[_team.Count];
            for (int i = 0; i < _planeRows.Length; i++) _planeRows[i] = new AlignedBuffer(floats);
        }
    }

    private int Bands(FeatureMap input, FeatureMap output)
    {
        int rowsPerBand = PairsRows(input) ? 2 : 1;
        return (output.Height + rowsPerBand - 1) / rowsPerBand;
    }

    /// <summary>
    /// Makes worker <paramref name="worker"/>'s next stride-2 planar row split its input rows afresh: the
    /// scratch holds rows of the previous run's input, which may sit at the same address with other values.
    /// Called at the start of each worker's part of a run that computes rows (this pass's and the fused pass's).
    /// </summary>
    internal void ForgetSplitRows(int worker)
    {
        if (worker < _splitRows.Length) _splitRows[worker] = default;
    }

    /// <summary>
    /// Whether <see cref="ComputeRows"/> takes two rows at once from <paramref name="input"/>: at stride 1, planes
    /// always, blocks at multiplier 1.
    /// </summary>
    internal bool PairsRows(FeatureMap input) =>
        Layer.Stride == 1 && (input.Layout == ChannelLayout.Planar || Layer.Multiplier == 1);

    /// <summary>
    /// Output rows <c>oy .. oy + rows − 1</c> (rows = 1, or 2 when <see cref="PairsRows"/>) of output block
    /// <paramref name="ob"/> into <paramref name="outRow"/>, row r at <c>outRow + r·outRowStride</c>: the unit
    /// both this pass and the fused separable pass call. Uses worker <paramref name="worker"/>'s scratch.
    /// When <paramref name="input"/> is planar, <paramref name="ob"/> is a plane and the output rows are planar too.
    /// <paramref name="ahead"/> (from <see cref="BandAhead"/>) is fetched while a blocked pair band computes.
    /// </summary>
    internal void ComputeRows(int worker, FeatureMap input, int ob, int oy, int rows, float* outRow, int outRowStride, ReadAhead ahead = default)
    {
        int k = Layer.Kernel, pad = Layer.Padding, s = Layer.Stride, d = Layer.Multiplier;
        int height = input.Height, width = input.Width, rowStride = input.RowStride;
        int outWidth = Layer.OutputSize(width);
        if (input.Layout == ChannelLayout.Planar)
        {
            float* scratch = _planeScratch![worker].Pointer;
            float* plane = input.Pointer + ob / d * input.BlockStride;
            if (s == 2)
            {
                float* firstRow = plane + (2 * oy - pad) * width;
                int firstKy = Math.Max(0, pad - 2 * oy), endKy = Math.Min(k, height + pad - 2 * oy);
                // The same rows as the previous call (another output plane of this input plane): already split.
                var splitKey = ((nint)firstRow, firstKy, endKy);
                bool split = _splitRows[worker] == splitKey;
                _splitRows[worker] = splitKey;
                PlanarStrideTwoKernel.Row<T>(firstRow, width, firstKy, endKy, k, _planeWeights!.Pointer + ob * k * k * 8,
                    Vector256.Load(_planeBias!.Pointer + ob * 8), _clamp, outRow, outWidth, scratch, split);
                return;
            }
            // Plane ob; a lone last row still runs as a pair, its second row going to the worker's junk row.
            int i0 = Math.Max(0, pad - oy), i1 = Math.Min(k + 1, height + pad - oy);
            float* top = input.Pointer + ob / d * input.BlockStride + (oy - pad) * width;
            float* second = rows == 2 ? outRow + outRowStride : scratch + PlanarDepthwiseKernel.ScratchFloats(k);
            PlanarDepthwiseKernel.Rows<T>(top, width, i0, i1, k, _planeWeights!.Pointer + ob * k * k * 8,
                Vector256.Load(_planeBias!.Pointer + ob * 8), _clamp, outRow, second, scratch);
            return;
        }
        float* weights = _weights.Pointer + ob * k * k * 8;
        var bias = Vector256.Load(_bias.Pointer + ob * 8);
        if (rows == 2)
        {
            // The K + 1 input rows oy − p .. oy + 1 + p, clipped to the image.
            int i0 = Math.Max(0, pad - oy), i1 = Math.Min(k + 1, height + pad - oy);
            float* top = input.Pointer + ob * input.BlockStride + (oy - pad) * rowStride;
            DepthwiseRowPairKernel.Rows<T>(top, rowStride, i0, i1, k, width, weights, bias, _clamp, outRow, outRow + outRowStride, ahead);
            return;
        }
        int ky0 = Math.Max(0, pad - oy * s), ky1 = Math.Min(k, height + pad - oy * s);
        // Row of kernel row 0 (may lie above the image; only rows ky0..ky1−1 are read).
        float* row0 = input.Pointer + ob / d * input.BlockStride + (oy * s - pad) * rowStride;
        if (d > 1)
        {
            float* scratch = _scratch![worker].Pointer;
            var lanes = Vector256.Create(_lanes, ob * 8);
            for (int ky = ky0; ky < ky1; ky++)
            {
                float* src = row0 + ky * rowStride, dst = scratch + ky * rowStride;
                for (int x = 0; x < rowStride; x += 8)
                    T.Permute(Vector256.Load(src + x), lanes).Store(dst + x);
            }
            row0 = scratch;
        }
        if (s == 1)
            DepthwiseRowKernel.Row<T, StrideOne>(row0, rowStride, ky0, ky1, k, width, weights, bias, _clamp, outRow, outWidth);
        else
            DepthwiseRowKernel.Row<T, StrideTwo>(row0, rowStride, ky0, ky1, k, width, weights, bias, _clamp, outRow, outWidth);
    }
}
