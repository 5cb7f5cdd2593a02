using System.Runtime.Intrinsics;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Kernels.Fast;

/// <summary>
/// The depthwise read-ahead: which input rows a band asks for, that a sweep asks for every line of them exactly
/// once and nothing else, and that asking changes no output bit.
/// </summary>
public sealed unsafe class ReadAheadTests
{
    [Theory]
    [InlineData(0, 64 * 10, 10)]  // a line per step
    [InlineData(0, 64 * 10, 3)]   // 4 + 4 + 2 lines
    [InlineData(32, 64 * 10, 4)]  // starts mid-line: 11 lines touched
    [InlineData(0, 100, 7)]       // fewer lines than steps: the last steps ask for nothing
    [InlineData(0, 8192, 1)]
    public void SlicesAskForEveryLineOfTheRegionOnceAndNothingElse(int offset, int bytes, int steps)
    {
        var buffer = new AlignedBuffer(4096);
        byte* start = (byte*)buffer.Pointer + offset;
        var slices = new ReadAhead(start, bytes).Spread(steps);
        RecordingMath.Fetched.Clear();
        for (int i = 0; i < steps + 2; i++) slices.Next<RecordingMath>(); // more calls than steps: the extras are no-ops

        // Every line holding a byte of the region, in order, each once (the first line holds the start).
        long firstLine = (long)start & ~63L, lastLine = ((long)start + bytes - 1) & ~63L;
        var expected = Enumerable.Range(0, (int)((lastLine - firstLine) / 64) + 1).Select(i => firstLine + 64L * i);
        Assert.Equal(expected, RecordingMath.Fetched.Select(a => a & ~63L));
    }

    [Fact]
    public void AnEmptyRegionAsksForNothing()
    {
        var slices = ReadAhead.None.Spread(5);
        RecordingMath.Fetched.Clear();
        for (int i = 0; i < 5; i++) slices.Next<RecordingMath>();
        Assert.Empty(RecordingMath.Fetched);
    }

    [Theory]
    [InlineData(3, 5)]    // one 3×3 group
    [InlineData(3, 64)]
    [InlineData(3, 257)]  // the last group moved back
    [InlineData(5, 64)]   // the any-K sweep
    [InlineData(7, 100)]
    public void ASweepFetchesTheWholeRegionAndComputesTheSameBits(int k, int width)
    {
        int rowStride = width * 8, rows = k + 1;
        var input = new AlignedBuffer(rows * rowStride);
        var weights = new AlignedBuffer(k * k * 8);
        var random = new Random(k * 1000 + width);
        foreach (ref float v in input.Span) v = random.NextSingle() - 0.5f;
        foreach (ref float v in weights.Span) v = random.NextSingle() - 0.5f;
        var bias = Vector256.Create(0.25f);
        var clamp = OutputClamp.For(Activation.Relu);
        var plain = new AlignedBuffer(2 * rowStride);
        var ahead = new AlignedBuffer(2 * rowStride);
        var next = new AlignedBuffer(2 * rowStride); // stands for the next block's two new rows

        DepthwiseRowPairKernel.Rows<PortableMath>(input.Pointer, rowStride, 0, rows, k, width, weights.Pointer, bias, clamp,
            plain.Pointer, plain.Pointer + rowStride);
        RecordingMath.Fetched.Clear();
        DepthwiseRowPairKernel.Rows<RecordingMath>(input.Pointer, rowStride, 0, rows, k, width, weights.Pointer, bias, clamp,
            ahead.Pointer, ahead.Pointer + rowStride, new ReadAhead(next.Pointer, 2 * rowStride * sizeof(float)));

        Assert.True(plain.Span.SequenceEqual(ahead.Span));
        var lines = RecordingMath.Fetched.Select(a => a & ~63L).Distinct().ToList();
        Assert.Equal(RecordingMath.Fetched.Count, lines.Count);
        Assert.Equal(Enumerable.Range(0, 2 * rowStride * sizeof(float) / 64).Select(i => (long)next.Pointer + 64L * i), lines);
    }

    [Theory]
    [InlineData(3, 0, new[] { 1, 2 })]
    [InlineData(3, 10, new[] { 11, 12 })]
    [InlineData(3, 14, new[] { 15 })]  // the last band: row 16 lies below the image
    [InlineData(5, 0, new[] { 2, 3 })]
    [InlineData(5, 14, new int[0])]    // rows 16 and 17: both below
    [InlineData(7, 4, new[] { 7, 8 })]
    public void ABandAsksForTheTwoInputRowsTheBandAboveDidNotRead(int k, int oy, int[] rows)
    {
        var layer = FastBackendTests.RandomLayer(ConvKind.Depthwise, 16, 1, k, 1, bias: true, Activation.None, seed: k);
        using var team = new WorkerTeam(1);
        var pass = new DepthwisePass<PortableMath>(layer, team, long.MaxValue);
        var input = new FeatureMap(16, 16, 12);

        var ahead = pass.BandAhead(input, 1, oy);

        if (rows.Length == 0)
        {
            Assert.Equal(0, ahead.Bytes);
            return;
        }
        Assert.Equal((long)(input.Pointer + input.BlockStride + rows[0] * input.RowStride), (long)ahead.Start);
        Assert.Equal(rows.Length * input.RowStride * sizeof(float), ahead.Bytes);
    }

    [Fact]
    public void OnlyBlockedPairBandsReadAhead()
    {
        using var team = new WorkerTeam(1);
        var planar = new FeatureMap(3, 16, 12, ChannelLayout.Planar);
        var blocked = new FeatureMap(16, 16, 12);
        var stride1 = new DepthwisePass<PortableMath>(FastBackendTests.RandomLayer(ConvKind.Depthwise, 3, 1, 3, 1, bias: true, Activation.None, seed: 1), team, long.MaxValue);
        var stride2 = new DepthwisePass<PortableMath>(FastBackendTests.RandomLayer(ConvKind.Depthwise, 16, 1, 3, 2, bias: true, Activation.None, seed: 2), team, long.MaxValue);
        var multiplier2 = new DepthwisePass<PortableMath>(FastBackendTests.RandomLayer(ConvKind.Depthwise, 16, 2, 3, 1, bias: true, Activation.None, seed: 3), team, long.MaxValue);

        Assert.Equal(0, stride1.BandAhead(planar, 0, 0).Bytes);
        Assert.Equal(0, stride2.BandAhead(blocked, 0, 0).Bytes);
        Assert.Equal(0, multiplier2.BandAhead(blocked, 0, 0).Bytes);
    }

    /// <summary>Portable arithmetic that records the addresses it is asked to prefetch (on the calling thread).</summary>
    private readonly struct RecordingMath : IVectorMath
    {
        [ThreadStatic] private static List<long>? _fetched;

        public static List<long> Fetched => _fetched ??= [];

        public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => PortableMath.MultiplyAdd(a, b, c);

        public static Vector256<float> Permute(Vector256<float> value, Vector256<int> lanes) => PortableMath.Permute(value, lanes);

        public static void StoreStreaming(Vector256<float> value, float* address) => value.Store(address);

        public static void Prefetch(void* address) => Fetched.Add((long)address);

        public static void StreamingFence()
        {
        }
    }
}
