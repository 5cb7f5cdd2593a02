using System.Globalization;
using System.Text.Json;
using RealtimeConv.Cost;

namespace RealtimeConv.App.Bench;

/// <summary>
/// Writes a <see cref="BenchReport"/> as <c>{"machine": {...}, "settings": {...}, "rows": [...]}</c>,
/// atomically: to a temporary file beside the target, then renamed over it, so a reader never sees
/// half a file and an interrupted run leaves the previous one intact.
/// </summary>
internal static class BenchJson
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/>.</summary>
    public static void Write(BenchReport report, string path)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temp))
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                WriteReport(report, json);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void WriteReport(BenchReport report, Utf8JsonWriter json)
    {
        var m = report.Machine;
        var s = report.Settings;
        json.WriteStartObject();
        json.WriteStartObject("machine");
        json.WriteString("cpu", m.CpuModel);
        json.WriteNumber("logical_cores", m.LogicalCores);
        json.WriteBoolean("avx2", m.Avx2);
        json.WriteBoolean("fma", m.Fma);
        json.WriteString("os", m.Os);
        json.WriteString("dotnet", m.DotNet);
        json.WriteString("ort_version", m.OrtVersion);
        json.WriteBoolean("cache_warm", m.CacheWarm);
        json.WriteString("cache_note", m.CacheNote);
        if (m.GlRenderer is { } renderer) json.WriteString("gl_renderer", renderer);
        json.WriteString("date", m.Date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteEndObject();

        json.WriteStartObject("settings");
        json.WriteNumber("runs", s.Runs);
        json.WriteNumber("warmup", s.Warmup);
        json.WriteNumber("ort_intra_op_threads", s.OrtThreads);
        json.WriteNumber("seed", s.Seed);
        json.WriteBoolean("cold", s.Cold);
        json.WriteNumber("stride", 1);
        json.WriteString("activation", "relu");
        json.WriteBoolean("bias", true);
        json.WriteEndObject();

        json.WriteStartArray("rows");
        foreach (var row in report.Rows)
        {
            json.WriteStartObject();
            json.WriteString("op", BenchTable.Name(row.Op));
            json.WriteString("backend", row.Backend);
            json.WriteNumber("m", row.Shape.M);
            json.WriteNumber("n", row.Shape.N);
            json.WriteNumber("h", row.Shape.Height);
            json.WriteNumber("w", row.Shape.Width);
            json.WriteNumber("k", row.Shape.K);
            json.WriteNumber("median_ms", row.MedianMs);
            json.WriteNumber("min_ms", row.MinMs);
            json.WriteNumber("gflops", row.Gflops);
            json.WriteString("clock", row.Clock);
            json.WriteNumber("runs", row.Runs);
            json.WriteNumber("multiplications", row.Multiplications);
            if (report.RatioToPeer(row) is { } ratio && row.Backend != BenchSettings.PeerName) json.WriteNumber("ratio_to_ort", ratio);
            if (row.BytesPerRun is { } bytes) json.WriteNumber("bytes_moved", bytes);
            if (report.Roofline.Of(row) is { } point)
            {
                json.WriteNumber("roofline_floor_ms", point.FloorMs);
                json.WriteString("roofline_bound", point.Bound);
                json.WriteNumber("roofline_fraction", point.Fraction);
                if (report.FindBaseline(row.Op, BenchSettings.PeerName, row.Shape) is { } peer && row.Backend != BenchSettings.PeerName)
                    json.WriteNumber("ratio_to_ort_at_roof", peer.MedianMs / point.FloorMs);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();

        // The roofs of each shape, timed among its rows: FMA chains on every core, and a copy of the input map.
        json.WriteStartArray("roofs");
        foreach (var shape in s.Shapes.Distinct())
        {
            if (report.Roofline.Gflops(shape) is not { } gflops || report.Roofline.GigabytesPerSecond(shape) is not { } bandwidth) continue;
            json.WriteStartObject();
            json.WriteString("shape", shape.Spec);
            json.WriteNumber("compute_gflops", gflops);
            json.WriteNumber("memory_gb_per_s", bandwidth);
            if (report.RoofRows.FirstOrDefault(r => r.Op == BenchOp.MemoryRoof && r.Shape == shape)?.BytesPerRun is { } copied)
                json.WriteNumber("memory_bytes_per_run", copied);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        // Per shape and backend: standard median / (separable or fused) median against 1 / (1/N + 1/K²).
        json.WriteStartArray("separable_vs_theory");
        foreach (var shape in s.Shapes.Distinct())
            foreach (var backend in report.Backends)
                foreach (var op in new[] { BenchOp.Separable, BenchOp.Fused })
                {
                    if (report.StandardOver(op, backend, shape) is not { } measured) continue;
                    double theory = ConvCost.TheoreticalSpeedup(shape.N, shape.K);
                    json.WriteStartObject();
                    json.WriteString("op", BenchTable.Name(op));
                    json.WriteString("backend", backend);
                    json.WriteString("shape", shape.Spec);
                    json.WriteNumber("measured", measured);
                    json.WriteNumber("theoretical", theory);
                    json.WriteNumber("fraction_of_theory", measured / theory);
                    json.WriteEndObject();
                }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
