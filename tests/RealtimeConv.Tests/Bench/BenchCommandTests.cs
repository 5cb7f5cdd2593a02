using System.CommandLine;
using System.Text.Json;
using RealtimeConv.App;
using RealtimeConv.App.Bench;
using RealtimeConv.Cost;

namespace RealtimeConv.Tests.Bench;

/// <summary>The real <c>rtconv bench</c> command on a tiny shape: exit codes, table and JSON. No timing assertions.</summary>
public sealed class BenchCommandTests : IDisposable
{
    /// <summary>GFLOP/s in the JSON is recomputed from m, n, h, w, k and median_ms to this relative precision.</summary>
    private const double GflopsRelativeTolerance = 1e-9;

    private readonly string _directory = Directory.CreateTempSubdirectory("rtconv-bench-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void TheFastBackendRunsAThreeChannelShapeOnPlanesAndCountsTheirBytes()
    {
        string path = Path.Combine(_directory, "stem.json");
        var (code, _, error) = Run("bench", "--backend", "cpu,cpu-blocked", "--shapes", "3,16,9x7,3", "--runs", "1", "--warmup", "1", "--json", path);
        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var bytes = document.RootElement.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("backend").GetString()!, r.GetProperty("op").GetString()!), r => r.GetProperty("bytes_moved").GetInt64());
        const long pixel = 63 * sizeof(float);
        // The 3-channel input and intermediate are planes (3 floats a pixel, as ORT's NCHW), the 16-channel outputs blocks.
        Assert.Equal((3 + 3) * pixel, bytes[("cpu", "depthwise")]);
        Assert.Equal((3 + 16) * pixel, bytes[("cpu", "standard")]);
        Assert.Equal((3 + 3 + 3 + 16) * pixel, bytes[("cpu", "separable")]);
        Assert.Equal((3 + 16) * pixel, bytes[("cpu", "fused")]);
        Assert.Equal((3 + 3) * pixel, bytes[("ort", "depthwise")]);
        // The same kernels kept on 8-channel blocks: the plain layout the planar rows are measured against.
        Assert.Equal((8 + 8) * pixel, bytes[("cpu-blocked", "depthwise")]);
        Assert.Equal((8 + 16) * pixel, bytes[("cpu-blocked", "fused")]);
    }

    [Fact]
    public void TinyRunWritesJsonWithEveryFieldAndSaneValues()
    {
        string path = Path.Combine(_directory, "bench.json");
        var (code, output, error) = Run("bench", "--backend", "cpu-ref", "--shapes", "5,6,9x7,3", "--runs", "3", "--warmup", "1", "--json", path);
        Assert.True(code == 0, error);
        Assert.Equal([path], Directory.GetFiles(_directory)); // the temporary file was renamed, not left behind

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var machine = document.RootElement.GetProperty("machine");
        Assert.False(string.IsNullOrWhiteSpace(machine.GetProperty("cpu").GetString()));
        Assert.True(machine.GetProperty("logical_cores").GetInt32() >= 1);
        Assert.Contains(machine.GetProperty("avx2").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.Contains(machine.GetProperty("fma").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.False(string.IsNullOrWhiteSpace(machine.GetProperty("os").GetString()));
        Assert.StartsWith(".NET", machine.GetProperty("dotnet").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", machine.GetProperty("ort_version").GetString());
        Assert.True(machine.GetProperty("cache_warm").GetBoolean());
        Assert.InRange(DateTimeOffset.Parse(machine.GetProperty("date").GetString()!), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        // One shape, so one pair of roofs, both measured (positive) and the copy sized like the input map.
        var roofs = Assert.Single(document.RootElement.GetProperty("roofs").EnumerateArray().ToList());
        Assert.Equal("5,6,9x7,3", roofs.GetProperty("shape").GetString());
        double computeRoof = roofs.GetProperty("compute_gflops").GetDouble(), memoryRoof = roofs.GetProperty("memory_gb_per_s").GetDouble();
        Assert.True(computeRoof > 0 && memoryRoof > 0, $"roofs {computeRoof} GFLOP/s, {memoryRoof} GB/s");
        // Whole copies of the input map's pixels (8 channels × 63 pixels, read and written), enough to move 16 MiB.
        long copied = roofs.GetProperty("memory_bytes_per_run").GetInt64(), perCopy = 2L * 8 * 63 * sizeof(float);
        Assert.Equal(0, copied % perCopy);
        Assert.InRange(copied, MemoryRoofBenchCase.MinBytesPerRun, MemoryRoofBenchCase.MinBytesPerRun + perCopy);

        var rows = document.RootElement.GetProperty("rows").EnumerateArray().ToList();
        var medians = rows.ToDictionary(r => (r.GetProperty("backend").GetString()!, r.GetProperty("op").GetString()!), r => r.GetProperty("median_ms").GetDouble());
        var expected = from op in new[] { "standard", "depthwise", "pointwise", "separable" }
                       from backend in new[] { "cpu-ref", "ort" }
                       select (op, backend);
        Assert.Equal(expected.OrderBy(x => x).ToList(), rows.Select(r => (r.GetProperty("op").GetString()!, r.GetProperty("backend").GetString()!)).OrderBy(x => x).ToList());
        foreach (var row in rows)
        {
            string what = $"{row.GetProperty("op")} on {row.GetProperty("backend")}";
            Assert.Equal((5, 6, 7, 9, 3), (row.GetProperty("m").GetInt32(), row.GetProperty("n").GetInt32(),
                row.GetProperty("h").GetInt32(), row.GetProperty("w").GetInt32(), row.GetProperty("k").GetInt32()));
            double median = row.GetProperty("median_ms").GetDouble(), min = row.GetProperty("min_ms").GetDouble();
            Assert.True(min > 0, $"{what}: min {min} ms");
            Assert.True(min <= median, $"{what}: min {min} > median {median}");
            Assert.Equal("wall", row.GetProperty("clock").GetString());
            Assert.Equal(3, row.GetProperty("runs").GetInt32());

            // The multiply-adds of each op, from the cost model's formulas (DG² = 63 pixels).
            long macs = row.GetProperty("op").GetString() switch
            {
                "standard" => ConvCost.Standard(5, 6, 3, 63),
                "depthwise" => 63L * 9 * 5,
                "pointwise" => 5L * 6 * 63,
                _ => ConvCost.Separable(5, 6, 3, 63),
            };
            double gflops = row.GetProperty("gflops").GetDouble();
            Assert.Equal(2.0 * macs / (median * 1e6), gflops, gflops * GflopsRelativeTolerance);

            // The roofline point: the higher of the two floors from this shape's measured roofs, over the median.
            long bytes = row.GetProperty("bytes_moved").GetInt64();
            double computeFloor = 2.0 * macs / (computeRoof * 1e6), memoryFloor = bytes / (memoryRoof * 1e6);
            double floor = row.GetProperty("roofline_floor_ms").GetDouble();
            Assert.Equal(Math.Max(computeFloor, memoryFloor), floor, floor * GflopsRelativeTolerance);
            Assert.Equal(computeFloor >= memoryFloor ? "compute" : "memory", row.GetProperty("roofline_bound").GetString());
            Assert.Equal(floor / median, row.GetProperty("roofline_fraction").GetDouble(), GflopsRelativeTolerance);
            if (row.GetProperty("backend").GetString() == "ort") Assert.False(row.TryGetProperty("ratio_to_ort_at_roof", out _));
            else Assert.Equal(medians[("ort", row.GetProperty("op").GetString()!)] / floor, row.GetProperty("ratio_to_ort_at_roof").GetDouble(), GflopsRelativeTolerance);
        }

        Assert.Contains("5→6 9×7 K3", output);
        Assert.Contains("standard/separable", output);
        Assert.Contains("roofline", output);
        Assert.Contains("roofs 5→6 9×7 K3", output);
        Assert.Contains("geometric mean", output);
        Assert.Contains($"wrote {path}", output);
    }

    [Fact]
    public void UnknownBackendIsOneLineErrorAndExitTwoWithoutRunning()
    {
        string path = Path.Combine(_directory, "never.json");
        var (code, output, error) = Run("bench", "--backend", "cpu-ref,warp-drive", "--shapes", "2,2,3x3,1", "--json", path);
        Assert.Equal(2, code);
        Assert.StartsWith("rtconv bench: --backend: unknown backend 'warp-drive' (known: ", error);
        Assert.Contains("cpu-ref", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal("", output);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void BadShapesOrRunsAreExitTwo()
    {
        Assert.Equal(2, Run("bench", "--backend", "cpu-ref", "--shapes", "7").ExitCode);
        Assert.Equal(2, Run("bench", "--backend", "cpu-ref", "--shapes", "1", "--runs", "0").ExitCode);
    }
}
