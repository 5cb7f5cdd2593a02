namespace RealtimeConv.App.Bench;

/// <summary>Everything one bench run measured, and the ratios the table and JSON derive from it.</summary>
/// <param name="Machine">What it ran on.</param>
/// <param name="Settings">How it ran.</param>
/// <param name="Rows">The convolution rows.</param>
/// <param name="RoofRows">The roofs' rows (<see cref="BenchOp.ComputeRoof"/>, <see cref="BenchOp.MemoryRoof"/>), two per shape.</param>
internal sealed record BenchReport(MachineInfo Machine, BenchSettings Settings, IReadOnlyList<BenchRow> Rows, IReadOnlyList<BenchRow> RoofRows)
{
    /// <summary>The roofline of this run, from its roof rows.</summary>
    public Roofline Roofline { get; } = new(RoofRows);

    /// <summary>The row of <paramref name="op"/> on <paramref name="shape"/> and <paramref name="backend"/>, if it ran.</summary>
    public BenchRow? Find(BenchOp op, string backend, BenchShape shape) =>
        Rows.FirstOrDefault(r => r.Op == op && r.Backend == backend && r.Shape == shape);

    /// <summary>ORT's median over this row's median: above 1 means faster than ONNX Runtime.</summary>
    public double? RatioToPeer(BenchRow row) =>
        FindBaseline(row.Op, BenchSettings.PeerName, row.Shape) is { } peer ? peer.MedianMs / row.MedianMs : null;

    /// <summary>
    /// The row <paramref name="op"/> is compared with on <paramref name="baseline"/>: the same op, or for
    /// <see cref="BenchOp.Fused"/> on a backend that does not fuse (ORT, cpu-ref), its separable row.
    /// </summary>
    public BenchRow? FindBaseline(BenchOp op, string baseline, BenchShape shape) =>
        Find(op, baseline, shape) ?? (op == BenchOp.Fused ? Find(BenchOp.Separable, baseline, shape) : null);

    /// <summary>Measured speed-up of separable over standard for a shape and backend: standard median / separable median.</summary>
    public double? StandardOverSeparable(string backend, BenchShape shape) => StandardOver(BenchOp.Separable, backend, shape);

    /// <summary>
    /// Measured speed-up of <paramref name="op"/> (separable or fused) over standard for a shape and backend:
    /// standard median / that op's median.
    /// </summary>
    public double? StandardOver(BenchOp op, string backend, BenchShape shape) =>
        Find(BenchOp.Standard, backend, shape) is { } standard && Find(op, backend, shape) is { } separable
            ? standard.MedianMs / separable.MedianMs
            : null;

    /// <summary>
    /// Geometric mean over the shapes of <c>median(baseline) / floor(backend)</c> for one op: the speed-up over the
    /// baseline this backend would show if it ran at its roofline floor (<see cref="Roofline"/>), the most its
    /// layout allows on this machine. Null when no shape has both a row and a roofline point.
    /// </summary>
    public double? GeometricMeanSpeedupAtRoof(BenchOp op, string backend, string baseline)
    {
        double sumLog = 0;
        int count = 0;
        foreach (var shape in Settings.Shapes.Distinct())
        {
            if (Find(op, backend, shape) is not { } row || Roofline.Of(row) is not { } point || FindBaseline(op, baseline, shape) is not { } reference) continue;
            sumLog += Math.Log(reference.MedianMs / point.FloorMs);
            count++;
        }
        return count == 0 ? null : Math.Exp(sumLog / count);
    }

    /// <summary>Backends in table order: ours as asked, then the peer.</summary>
    public IEnumerable<string> Backends => Settings.Backends.Append(BenchSettings.PeerName);

    /// <summary>
    /// Geometric mean over the shapes of <c>median(baseline) / median(backend)</c> for one op:
    /// exp(mean(ln ratio)), the mean that treats 2× faster and 2× slower symmetrically.
    /// Null when no shape has both rows.
    /// </summary>
    public double? GeometricMeanSpeedup(BenchOp op, string backend, string baseline)
    {
        double sumLog = 0;
        int count = 0;
        foreach (var shape in Settings.Shapes.Distinct())
        {
            if (Find(op, backend, shape) is not { } row || FindBaseline(op, baseline, shape) is not { } reference) continue;
            sumLog += Math.Log(reference.MedianMs / row.MedianMs);
            count++;
        }
        return count == 0 ? null : Math.Exp(sumLog / count);
    }
}
