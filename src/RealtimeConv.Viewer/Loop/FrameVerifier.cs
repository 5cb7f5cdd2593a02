using System.Globalization;
using RealtimeConv.Execution;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;

namespace RealtimeConv.Viewer.Loop;

/// <summary>
/// The V key: recomputes the current frame's shown block with the reference kernels (double accumulation,
/// the project's oracle) on a background task and compares it with what the viewer computed.
/// </summary>
internal sealed class FrameVerifier(ViewerLog log) : IDisposable
{
    /// <summary>Largest error accepted, relative to the reference output's largest magnitude (at least 1).</summary>
    public const double RelativeTolerance = 1e-4;

    private Task? _running;

    /// <summary>The last result, one line, or null before the first.</summary>
    public string? LastResult { get; private set; }

    /// <summary>Whether a verification is still running.</summary>
    public bool IsRunning => _running is { IsCompleted: false };

    /// <summary>
    /// Starts checking <paramref name="computed"/> (per mode: the chain and its shown layer's output,
    /// CPU copies owned by the verifier from here) for <paramref name="input"/>. Ignored while one runs.
    /// </summary>
    public void Start(FeatureMap input, IReadOnlyList<(ResolvedPipeline Chain, int Layer, FeatureMap Computed)> computed)
    {
        if (IsRunning) return;
        LastResult = "verify: running…";
        _running = Task.Run(() =>
        {
            try
            {
                Verify(input, computed);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or OutOfMemoryException)
            {
                LastResult = $"verify: could not run ({e.Message})";
                log.Line("verify-error=" + e.Message);
            }
        });
    }

    private void Verify(FeatureMap input, IReadOnlyList<(ResolvedPipeline Chain, int Layer, FeatureMap Computed)> computed)
    {
        var parts = new List<string>();
        bool ok = true;
        using var reference = new ReferenceBackend();
        foreach (var (chain, layer, map) in computed)
        {
            using var executor = new PipelineExecutor(chain, reference);
            executor.Run(input);
            var expected = executor.LayerOutput(layer);
            float error = FeatureMap.MaxAbsDifference(expected, map);
            var zero = new FeatureMap(expected.Channels, expected.Height, expected.Width, expected.Layout);
            float scale = Math.Max(1f, FeatureMap.MaxAbsDifference(expected, zero));
            bool pass = error <= RelativeTolerance * scale;
            ok &= pass;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{chain.Mode.ToString().ToLowerInvariant()}_max_abs_error={error:G3}"));
        }
        LastResult = $"verify: {string.Join(" ", parts)} vs cpu-ref {(ok ? "ok" : "FAILED")}";
        log.Line(LastResult["verify: ".Length..].Insert(0, "verify "));
    }

    /// <summary>Waits for a running verification.</summary>
    public void Dispose()
    {
        try
        {
            _running?.Wait();
        }
        catch (AggregateException e)
        {
            // Shutdown goes on: the GL objects and the window still have to be released.
            log.Line("verify-error=" + e.InnerException?.Message);
        }
    }
}
