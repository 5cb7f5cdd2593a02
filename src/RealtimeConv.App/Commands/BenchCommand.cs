using System.CommandLine;
using RealtimeConv.App.Backends;
using RealtimeConv.App.Bench;
using RealtimeConv.App.Charts;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Layers;

namespace RealtimeConv.App.Commands;

/// <summary>
/// <c>rtconv bench</c>: times standard, depthwise, pointwise and separable convolutions on our
/// backends and on ONNX Runtime, interleaved, and prints (and optionally saves) the comparison.
/// Exit codes: 0 done, 1 the run, the JSON file or the chart failed, 2 bad arguments.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var backend = new Option<string>("--backend")
        {
            Description = $"Our backends to time, comma-separated (known: {string.Join(", ", BackendCatalog.Names)}); ONNX Runtime always runs as the peer",
            DefaultValueFactory = _ => "cpu",
        };
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to this file (atomically)" };
        var plot = new Option<string?>("--plot") { Description = "Also draw the results as a PNG chart to this file (atomically): time per op, and measured vs theoretical speed-up" };
        var runs = new Option<int>("--runs") { Description = "Timed runs per row (rows slower than 1 s per run get fewer)", DefaultValueFactory = _ => 15 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs per row before timing", DefaultValueFactory = _ => 2 };
        var shapes = new Option<string?>("--shapes")
        {
            Description = "Grid rows (1-based, e.g. 1,2) and/or custom shapes M,N,WxH,K, separated by ';' (default: the whole grid: " +
                string.Join("; ", BenchGrid.Default.Select(shape => shape.Spec)) + ")",
        };
        var ortThreads = new Option<int>("--ort-threads") { Description = "ONNX Runtime intra-op threads", DefaultValueFactory = _ => 2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random weights and inputs", DefaultValueFactory = _ => 1 };
        var cold = new Option<bool>("--cold") { Description = "Evict the caches before every timed run (writes a buffer twice the last-level cache); default: warm, data reused from run to run" };

        var command = new Command("bench", "Time standard vs depthwise-separable convolution on our backends and ONNX Runtime")
        {
            backend, json, plot, runs, warmup, shapes, ortThreads, seed, cold,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            BenchSettings settings;
            try
            {
                settings = new BenchSettings(
                    BenchSettings.ParseBackends(parseResult.GetValue(backend), BackendCatalog.Names),
                    BenchGrid.Select(parseResult.GetValue(shapes)),
                    Positive("--runs", parseResult.GetValue(runs), minimum: 1),
                    Positive("--warmup", parseResult.GetValue(warmup), minimum: 0),
                    Positive("--ort-threads", parseResult.GetValue(ortThreads), minimum: 1),
                    parseResult.GetValue(seed),
                    parseResult.GetValue(cold));
            }
            catch (BenchUsageException e)
            {
                error.WriteLine($"rtconv bench: {e.Message}");
                return 2;
            }

            BenchReport report;
            try
            {
                report = new BenchRunner(settings, error).Run();
            }
            catch (Exception e) when (e is GpuUnavailableException or ShaderCompileException)
            {
                error.WriteLine($"rtconv bench: {e.Message.ReplaceLineEndings(" ")}");
                return 2;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or LayerSpecException or OutOfMemoryException)
            {
                error.WriteLine($"rtconv bench: {e.Message}");
                return 1;
            }
            BenchTable.Write(report, output);

            if (parseResult.GetValue(json) is { Length: > 0 } path)
            {
                try
                {
                    BenchJson.Write(report, path);
                    output.WriteLine($"wrote {path}");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"rtconv bench: cannot write '{path}': {e.Message}");
                    return 1;
                }
            }
            if (parseResult.GetValue(plot) is { Length: > 0 } chart)
            {
                try
                {
                    BenchCharts.Write(report, chart);
                    output.WriteLine($"wrote {chart}");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    error.WriteLine($"rtconv bench: cannot write '{chart}': {e.Message}");
                    return 1;
                }
            }
            return 0;
        });
        return command;
    }

    private static int Positive(string option, int value, int minimum) =>
        value >= minimum ? value : throw new BenchUsageException($"{option}: {value} is below {minimum}");
}
