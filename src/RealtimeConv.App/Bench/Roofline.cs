using RealtimeConv.Tensors;

namespace RealtimeConv.App.Bench;

/// <summary>Where one row sits under the roofline.</summary>
/// <param name="FloorMs">The least time the row's work could take: the larger of its compute and memory floors.</param>
/// <param name="Bound">"compute" or "memory": which floor is the larger.</param>
/// <param name="Fraction">FloorMs / the row's median: 1 would be running at the roof.</param>
internal readonly record struct RooflinePoint(double FloorMs, string Bound, double Fraction);

/// <summary>
/// The roofline of one bench run, both roofs measured per shape among that shape's rows: the compute roof
/// is <see cref="ComputeRoofBenchCase"/>'s GFLOP/s (FMA chains on every core), the memory roof
/// <see cref="MemoryRoofBenchCase"/>'s bytes per second (a copy of the input map). A row's floor is
/// <c>max(flops / compute roof, bytes / memory roof)</c>, and its point is that floor over its median.
/// </summary>
/// <remarks>
/// Bytes are the maps each op must read and write once, in the layout each map was in (<see cref="IBenchCase.BytesMoved"/>):
/// the fast backend's planes for ≤ 4 channels and 8-channel blocks above (a blocked 3-channel map would cost
/// 8 channels of traffic: the layout's price, so it shows), the reference backend's blocks, and ONNX Runtime's
/// NCHW. Weights are left out (kilobytes against megabytes).
/// </remarks>
internal sealed class Roofline
{
    /// <summary>The backend name the roofs' rows carry.</summary>
    public const string BackendName = "roof";

    private readonly Dictionary<BenchShape, double> _gflops = [];
    private readonly Dictionary<BenchShape, double> _gigabytesPerSecond = [];

    /// <summary>Reads the roofs from the <see cref="BenchOp.ComputeRoof"/> and <see cref="BenchOp.MemoryRoof"/> rows.</summary>
    public Roofline(IEnumerable<BenchRow> roofRows)
    {
        foreach (var row in roofRows)
        {
            if (row.Op == BenchOp.ComputeRoof) _gflops[row.Shape] = row.Gflops;
            else if (row.Op == BenchOp.MemoryRoof && row.BytesPerRun is { } bytes) _gigabytesPerSecond[row.Shape] = bytes / (row.MedianMs * 1e6);
        }
    }

    /// <summary>Whether <paramref name="op"/> measures a roof rather than a convolution.</summary>
    public static bool IsRoof(BenchOp op) => op is BenchOp.ComputeRoof or BenchOp.MemoryRoof;

    /// <summary>The compute roof measured among <paramref name="shape"/>'s rows, GFLOP/s; null when not measured.</summary>
    public double? Gflops(BenchShape shape) => _gflops.TryGetValue(shape, out var rate) ? rate : null;

    /// <summary>The memory roof measured among <paramref name="shape"/>'s rows, GB/s; null when not measured.</summary>
    public double? GigabytesPerSecond(BenchShape shape) => _gigabytesPerSecond.TryGetValue(shape, out var rate) ? rate : null;

    /// <summary>
    /// The row's point under the roofline, or null where it does not apply: rows not timed by the wall clock on
    /// this CPU (a GPU clock's rows have roofs of their own that this run does not measure), rows that did not
    /// count their bytes, roofs not measured.
    /// </summary>
    public RooflinePoint? Of(BenchRow row)
    {
        if (IsRoof(row.Op) || row.Clock != "wall" || row.BytesPerRun is not { } bytes
            || Gflops(row.Shape) is not { } gflops || GigabytesPerSecond(row.Shape) is not { } bandwidth)
            return null;
        double computeMs = 2.0 * row.Multiplications / (gflops * 1e6);
        double memoryMs = bytes / (bandwidth * 1e6);
        double floor = Math.Max(computeMs, memoryMs);
        return new RooflinePoint(floor, computeMs >= memoryMs ? "compute" : "memory", floor / row.MedianMs);
    }

    /// <summary>Bytes <paramref name="map"/> occupies as a kernel streams it: every block's pixels, padding lanes included, stride padding not.</summary>
    public static long BytesOf(FeatureMap map) => (long)map.Blocks * map.Lanes * map.Height * map.Width * sizeof(float);

    /// <summary>
    /// Bytes convolution <paramref name="op"/> reads and writes on <paramref name="shape"/> in NCHW (ONNX Runtime's
    /// buffers, exactly C channels a pixel): input + output, and for two-pass separable the intermediate written
    /// and read back.
    /// </summary>
    public static long NchwBytesMoved(BenchOp op, BenchShape shape)
    {
        long Map(int channels) => (long)channels * shape.Pixels * sizeof(float);
        return op switch
        {
            BenchOp.Standard or BenchOp.Pointwise or BenchOp.Fused => Map(shape.M) + Map(shape.N),
            BenchOp.Depthwise => 2 * Map(shape.M),
            BenchOp.Separable => 3 * Map(shape.M) + Map(shape.N),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a convolution"),
        };
    }
}
