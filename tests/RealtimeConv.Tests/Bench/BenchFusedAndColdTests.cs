using System.CommandLine;
using System.Text.Json;
using RealtimeConv.App;
using RealtimeConv.App.Bench;
using RealtimeConv.Tests.Charts;

namespace RealtimeConv.Tests.Bench;

/// <summary><c>rtconv bench</c> on the cpu backend: the fused row, the cache treatment and the separable-vs-theory block in the JSON. No timing assertions.</summary>
public sealed class BenchFusedAndColdTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rtconv-bench-fused-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CpuRunHasAFusedRowAndSaysHowTheCachesWereTreated(bool cold)
    {
        string path = Path.Combine(_directory, "bench.json");
        string[] args = ["bench", "--backend", "cpu", "--shapes", "5,6,9x7,3", "--runs", "3", "--warmup", "1", "--json", path];
        var (code, output, error) = Run(cold ? [.. args, "--cold"] : args);
        Assert.True(code == 0, error);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var machine = root.GetProperty("machine");
        Assert.Equal(!cold, machine.GetProperty("cache_warm").GetBoolean());
        Assert.StartsWith(cold ? "cold:" : "warm:", machine.GetProperty("cache_note").GetString());
        Assert.False(machine.TryGetProperty("gl_renderer", out _)); // no gpu backend in this run
        Assert.Equal(cold, root.GetProperty("settings").GetProperty("cold").GetBoolean());

        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        var fused = Assert.Single(rows, r => r.GetProperty("op").GetString() == "fused");
        Assert.Equal("cpu", fused.GetProperty("backend").GetString());
        Assert.True(fused.GetProperty("min_ms").GetDouble() <= fused.GetProperty("median_ms").GetDouble());
        Assert.True(fused.GetProperty("ratio_to_ort").GetDouble() > 0); // against ORT's separable row
        Assert.DoesNotContain(rows, r => r.GetProperty("op").GetString() == "fused" && r.GetProperty("backend").GetString() == "ort");

        var theory = root.GetProperty("separable_vs_theory").EnumerateArray()
            .Select(e => (e.GetProperty("op").GetString(), e.GetProperty("backend").GetString())).OrderBy(x => x).ToList();
        Assert.Equal([("fused", "cpu"), ("separable", "cpu"), ("separable", "ort")], theory);
        foreach (var entry in root.GetProperty("separable_vs_theory").EnumerateArray())
        {
            Assert.Equal("5,6,9x7,3", entry.GetProperty("shape").GetString());
            double measured = entry.GetProperty("measured").GetDouble(), theoretical = entry.GetProperty("theoretical").GetDouble();
            Assert.Equal(measured / theoretical, entry.GetProperty("fraction_of_theory").GetDouble(), 1e-12);
        }

        Assert.Contains("cpu fused", output);
        Assert.Contains(cold ? "cache:   cold:" : "cache:   warm:", output);
    }

    [Fact]
    public void TheGlRendererIsInTheJsonAndTheTableWhenKnown()
    {
        var report = BenchChartsTests.SyntheticReport();
        report = report with { Machine = report.Machine with { GlRenderer = "llvmpipe (LLVM 15.0.6, 256 bits)" } };
        string path = Path.Combine(_directory, "gpu.json");
        BenchJson.Write(report, path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("llvmpipe (LLVM 15.0.6, 256 bits)", document.RootElement.GetProperty("machine").GetProperty("gl_renderer").GetString());
        var table = new StringWriter();
        BenchTable.Write(report, table);
        Assert.Contains("gpu:     GL renderer llvmpipe (LLVM 15.0.6, 256 bits)", table.ToString());
    }
}
