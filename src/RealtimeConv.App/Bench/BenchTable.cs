using System.Globalization;
using RealtimeConv.Cost;

namespace RealtimeConv.App.Bench;

/// <summary>Writes a <see cref="BenchReport"/> as the text table <c>rtconv bench</c> prints.</summary>
internal static class BenchTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly BenchOp[] Ops = [BenchOp.Standard, BenchOp.Depthwise, BenchOp.Pointwise, BenchOp.Separable, BenchOp.Fused];

    /// <summary>Writes the header, the rows, the standard/separable comparison and the geometric means.</summary>
    public static void Write(BenchReport report, TextWriter output)
    {
        var m = report.Machine;
        var s = report.Settings;
        output.WriteLine($"machine: {m.CpuModel}, {m.LogicalCores} logical cores, AVX2 {YesNo(m.Avx2)}, FMA {YesNo(m.Fma)}; {m.Os}; {m.DotNet}; ONNX Runtime {m.OrtVersion}");
        output.WriteLine($"setup:   stride 1, bias + ReLU on every layer, seed {s.Seed}; {s.Warmup} warm-up + {s.Runs} timed runs per row, interleaved across backends");
        output.WriteLine($"ort:     CPU execution provider, {s.OrtThreads} intra-op threads, no spinning, graph optimisation 'all', model built in code, NCHW buffers bound before timing");
        output.WriteLine($"cache:   {m.CacheNote}");
        if (m.GlRenderer is { } renderer) output.WriteLine($"gpu:     GL renderer {renderer}");
        output.WriteLine();

        output.WriteLine($"{"shape",-22} {"op",-10} {"backend",-11} {"runs",5} {"median ms",11} {"min ms",11} {"GFLOP/s",9} {"vs ORT",8} {"roofline",12}  clock");
        bool anyReduced = false;
        foreach (var shape in s.Shapes.Distinct())
            foreach (var op in Ops)
                foreach (var backend in report.Backends)
                {
                    if (report.Find(op, backend, shape) is not { } row) continue;
                    anyReduced |= row.Reduced;
                    string runs = row.Runs.ToString(Invariant) + (row.Reduced ? "*" : " ");
                    string ratio = backend == BenchSettings.PeerName ? "peer" : Times(report.RatioToPeer(row));
                    output.WriteLine($"{shape,-22} {Name(op),-10} {backend,-11} {runs,5} {Ms(row.MedianMs),11} {Ms(row.MinMs),11} " +
                        $"{row.Gflops.ToString("F2", Invariant),9} {ratio,8} {Roof(report.Roofline.Of(row)),12}  {row.Clock}");
                }
        if (anyReduced)
            output.WriteLine($"* fewer runs than asked: one run took over {BenchRunner.SlowRunMs / 1000:0.#} s, so the row gets about {BenchRunner.SlowRowBudgetMs / 1000:0} s (at least {BenchRunner.MinSlowRuns} runs) and one warm-up");
        output.WriteLine("vs ORT = ORT median / this median (>1 = faster than ONNX Runtime; fused is compared with ORT's separable); GFLOP/s at the median, 2 flops per multiply-add");
        WriteRoofs(report, output);
        output.WriteLine();

        // Theoretical speed-up of separable over standard: 1 / (1/N + 1/K²) (ConvCost).
        output.WriteLine($"{"shape",-22} {"backend",-17} {"standard/separable",17} {"theoretical",12} {"% of theory",12}");
        foreach (var shape in s.Shapes.Distinct())
        {
            double theory = ConvCost.TheoreticalSpeedup(shape.N, shape.K);
            foreach (var backend in report.Backends)
                foreach (var op in new[] { BenchOp.Separable, BenchOp.Fused })
                    if (report.StandardOver(op, backend, shape) is { } measured)
                    {
                        string label = op == BenchOp.Fused ? backend + " fused" : backend;
                        output.WriteLine($"{shape,-22} {label,-17} {Times(measured),17} {Times(theory),12} {(100 * measured / theory).ToString("F0", Invariant) + " %",12}");
                    }
        }
        output.WriteLine();

        output.WriteLine($"geometric mean over {s.Shapes.Distinct().Count()} shape(s) of ORT time / our time:");
        foreach (var backend in s.Backends)
            output.WriteLine($"  {backend,-11} " + string.Join("  ", Ops.Select(op => $"{Name(op)} {Times(report.GeometricMeanSpeedup(op, backend, BenchSettings.PeerName))}")));
        if (report.RoofRows.Count > 0)
        {
            output.WriteLine("the same at each row's roofline floor (ORT time / our floor: the most our layout allows here; above the measured mean = room left):");
            foreach (var backend in s.Backends)
                if (Ops.Any(op => report.GeometricMeanSpeedupAtRoof(op, backend, BenchSettings.PeerName) is not null))
                    output.WriteLine($"  {backend,-11} " + string.Join("  ", Ops.Select(op => $"{Name(op)} {Times(report.GeometricMeanSpeedupAtRoof(op, backend, BenchSettings.PeerName))}")));
        }
        const string reference = "cpu-ref";
        var others = s.Backends.Where(b => b != reference).ToList();
        if (s.Backends.Contains(reference) && others.Count > 0)
        {
            output.WriteLine($"geometric mean of {reference} time / backend time:");
            foreach (var backend in others)
                output.WriteLine($"  {backend,-11} " + string.Join("  ", Ops.Select(op => $"{Name(op)} {Times(report.GeometricMeanSpeedup(op, backend, reference))}")));
        }
    }

    /// <summary>The roofs this run measured and how the roofline column reads.</summary>
    private static void WriteRoofs(BenchReport report, TextWriter output)
    {
        if (report.RoofRows.Count == 0) return;
        var roofline = report.Roofline;
        output.WriteLine("roofline = the row's floor / its median, floor = max(flops / compute roof, bytes / memory roof); fma or mem says which floor is higher.");
        output.WriteLine("  bytes = input + output maps (separable: + the intermediate written and read) in the layout each map ran in (cpu: ≤ 4 channels planar, more in 8-channel blocks; cpu-ref: blocks; ORT: NCHW).");
        output.WriteLine($"  Both roofs are timed among each shape's rows: FMA chains on registers, {report.Machine.LogicalCores} threads; a copy of the input map.");
        foreach (var shape in report.Settings.Shapes.Distinct())
        {
            string compute = roofline.Gflops(shape) is { } gflops ? gflops.ToString("F1", Invariant) + " GFLOP/s" : "–";
            string memory = roofline.GigabytesPerSecond(shape) is { } rate ? rate.ToString("F1", Invariant) + " GB/s" : "–";
            output.WriteLine($"  roofs {shape,-22}: compute {compute}, memory {memory}");
        }
    }

    private static string Roof(RooflinePoint? point) =>
        point is { } p ? $"{(p.Fraction < 0.005 ? "<1" : (100 * p.Fraction).ToString("F0", Invariant))}% {(p.Bound == "memory" ? "mem" : "fma")}" : "–";

    /// <summary>The lower-case op name used in the table and the JSON.</summary>
    public static string Name(BenchOp op) => op.ToString().ToLowerInvariant();

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Ms(double ms) => ms.ToString(ms >= 100 ? "F1" : ms >= 1 ? "F3" : "F4", Invariant);

    /// <summary>A ratio with about three significant digits, so that 0.004× (the reference loops) does not print as 0.00×.</summary>
    private static string Times(double? ratio) =>
        ratio is { } r ? r.ToString(r >= 10 ? "F1" : r >= 0.1 ? "F2" : "G2", Invariant) + "×" : "–";
}
