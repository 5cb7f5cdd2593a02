using RealtimeConv.Cost;

namespace RealtimeConv.App.Bench;

/// <summary>The timings of one op of one shape on one backend.</summary>
/// <param name="Op">The op.</param>
/// <param name="Backend">The backend's name.</param>
/// <param name="Shape">The shape.</param>
/// <param name="Multiplications">Multiply-adds of one run (ConvCost).</param>
/// <param name="Runs">Timed runs.</param>
/// <param name="Reduced">Whether <see cref="Runs"/> is below what was asked because one run is slow.</param>
/// <param name="MedianMs">Median of the runs, in milliseconds.</param>
/// <param name="MinMs">Fastest run, in milliseconds.</param>
/// <param name="Clock">The clock that measured the runs ("wall", or a self-timed pass's clock).</param>
/// <param name="BytesPerRun">Bytes one run moves (<see cref="IBenchCase.BytesMoved"/>): a convolution's maps in their layouts, the memory roof's copy; null where not counted.</param>
internal sealed record BenchRow(BenchOp Op, string Backend, BenchShape Shape, long Multiplications, int Runs, bool Reduced,
    double MedianMs, double MinMs, string Clock, long? BytesPerRun = null)
{
    /// <summary>GFLOP/s at the median time, two flops per multiply-add.</summary>
    public double Gflops => ConvCost.GigaflopsPerSecond(Multiplications, MedianMs);

    /// <summary>Summarises <paramref name="milliseconds"/> into a row.</summary>
    public static BenchRow FromSamples(BenchOp op, string backend, BenchShape shape, long multiplications, bool reduced,
        IReadOnlyList<double> milliseconds, string clock, long? bytesPerRun = null)
    {
        if (milliseconds.Count == 0) throw new ArgumentException($"{backend} {op} {shape}: no timed runs", nameof(milliseconds));
        var sorted = milliseconds.Order().ToArray();
        int mid = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new BenchRow(op, backend, shape, multiplications, sorted.Length, reduced, median, sorted[0], clock, bytesPerRun);
    }
}
