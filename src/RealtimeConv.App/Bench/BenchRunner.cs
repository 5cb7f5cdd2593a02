using RealtimeConv.App.Backends;
using RealtimeConv.Gpu;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Peers;
using RealtimeConv.Tensors;

namespace RealtimeConv.App.Bench;

/// <summary>
/// Runs the bench: for each shape, every backend's four ops (five with a fused separable pass), ONNX Runtime's four ops
/// and the two roofs of the roofline (a copy of the input map and an FMA loop on every core), interleaved
/// so that each row and its peer row are measured under the same conditions (clock speed, other
/// load, thermal state): every repetition runs each case once, starting one case later each time.
/// </summary>
internal sealed class BenchRunner(BenchSettings settings, TextWriter progress)
{
    /// <summary>A run slower than this marks its row as slow: one warm-up is enough and it gets fewer timed runs.</summary>
    public const double SlowRunMs = 1000;

    /// <summary>A slow row gets about this much time in total (cpu-ref on the full grid would otherwise take hours).</summary>
    public const double SlowRowBudgetMs = 15_000;

    /// <summary>
    /// A fast case keeps warming up until it has run this long in total (at most <see cref="MaxWarmupRuns"/>
    /// runs): .NET moves a method to optimised code after ~30 calls, and ORT sizes its arena on first use.
    /// </summary>
    public const double MinWarmupMs = 250;

    /// <summary>Cap on warm-up runs of a fast case.</summary>
    public const int MaxWarmupRuns = 60;

    /// <summary>Fewest timed runs any row gets, so that median and minimum still differ in meaning.</summary>
    public const int MinSlowRuns = 3;

    /// <summary>Measures every shape and returns the rows.</summary>
    public BenchReport Run()
    {
        var machine = MachineInfo.Detect(settings.Cold);
        var backends = new List<IConvBackend>();
        var rows = new List<BenchRow>();
        try
        {
            foreach (var name in settings.Backends) backends.Add(BackendCatalog.Create(name));
            if (backends.OfType<GpuBackend>().FirstOrDefault() is { } gpu) machine = machine with { GlRenderer = gpu.Info.Renderer };
            for (int i = 0; i < settings.Shapes.Count; i++)
            {
                var shape = settings.Shapes[i];
                progress.WriteLine($"bench: shape {i + 1}/{settings.Shapes.Count}: {shape} …");
                rows.AddRange(RunShape(shape, backends, settings.Seed + 7919 * i));
            }
        }
        finally
        {
            foreach (var backend in backends) backend.Dispose();
        }
        return new BenchReport(machine, settings, rows.Where(r => !Roofline.IsRoof(r.Op)).ToList(), rows.Where(r => Roofline.IsRoof(r.Op)).ToList());
    }

    private List<BenchRow> RunShape(BenchShape shape, List<IConvBackend> backends, int seed)
    {
        var layers = BenchLayers.Create(shape, seed);
        // One set of maps per layout choice, holding the same values: each backend gets maps in the layouts it
        // computes fastest in (the fast backend keeps a 3-channel image planar); ONNX Runtime loads from blocked maps
        // before timing, and the memory roof copies blocked maps.
        var mapSets = new Dictionary<(ChannelLayout, ChannelLayout), BenchMaps>();
        BenchMaps MapsFor(Func<int, ChannelLayout> layoutOf)
        {
            var key = (layoutOf(shape.M), layoutOf(shape.N));
            if (!mapSets.TryGetValue(key, out var set)) mapSets[key] = set = new BenchMaps(shape, seed + 1, layoutOf);
            return set;
        }
        var maps = MapsFor(_ => ChannelLayout.Blocked);
        var cases = new List<IBenchCase>();
        using var ort = new OrtConvBackend(new OrtConvOptions(settings.OrtThreads));
        try
        {
            foreach (var backend in backends)
            {
                var own = MapsFor(backend.PreferredLayout);
                cases.Add(new PassBenchCase(backend.Name, BenchOp.Standard, [backend.Prepare(layers.Standard)], [own.Input, own.Standard]));
                cases.Add(new PassBenchCase(backend.Name, BenchOp.Depthwise, [backend.Prepare(layers.Depthwise)], [own.Input, own.Depthwise]));
                cases.Add(new PassBenchCase(backend.Name, BenchOp.Pointwise, [backend.Prepare(layers.Pointwise)], [own.Input, own.Pointwise]));
                cases.Add(new PassBenchCase(backend.Name, BenchOp.Separable,
                    [backend.Prepare(layers.Depthwise), backend.Prepare(layers.Pointwise)], [own.Input, own.Intermediate, own.Pointwise]));
                if (backend is ISeparableFusion fusion && fusion.PrepareSeparable(layers.Depthwise, layers.Pointwise) is { } fused)
                    cases.Add(new FusedBenchCase(backend.Name, fused, own.Input, own.Pointwise));
            }
            int h = shape.Height, w = shape.Width;
            cases.Add(new OrtBenchCase(BenchOp.Standard, shape, ort.PrepareChain([layers.Standard], "standard").Bind(h, w), maps.Input));
            cases.Add(new OrtBenchCase(BenchOp.Depthwise, shape, ort.PrepareChain([layers.Depthwise], "depthwise").Bind(h, w), maps.Input));
            cases.Add(new OrtBenchCase(BenchOp.Pointwise, shape, ort.PrepareChain([layers.Pointwise], "pointwise").Bind(h, w), maps.Input));
            cases.Add(new OrtBenchCase(BenchOp.Separable, shape, ort.PrepareChain([layers.Depthwise, layers.Pointwise], "separable").Bind(h, w), maps.Input));
            cases.Add(new MemoryRoofBenchCase(maps.Input, maps.CopyTarget));
            cases.Add(new ComputeRoofBenchCase());
            return Measure(cases, layers);
        }
        finally
        {
            foreach (var benchCase in cases) benchCase.Dispose();
        }
    }

    private List<BenchRow> Measure(List<IBenchCase> cases, BenchLayers layers)
    {
        int count = cases.Count;
        var runs = Enumerable.Repeat(settings.Runs, count).ToArray();
        var slow = new bool[count];
        var samples = cases.Select(_ => new List<double>(settings.Runs)).ToArray();
        var clocks = new string[count];

        // A slow case needs no second warm-up (the first run already paged everything in and tiered
        // the JIT) and gets runs ≈ budget / one run, at least MinSlowRuns.
        void Classify(int i, double ms)
        {
            if (ms <= SlowRunMs || slow[i]) return;
            slow[i] = true;
            runs[i] = Math.Min(settings.Runs, Math.Max(MinSlowRuns, (int)(SlowRowBudgetMs / ms)));
        }

        // Warm-up, interleaved like the timed runs: at least --warmup runs each, and for fast cases
        // until MinWarmupMs have passed; --warmup 0 means no warm-up at all.
        var warmRuns = new int[count];
        var warmMs = new double[count];
        bool NeedsWarmup(int i) => settings.Warmup > 0 && !(slow[i] && warmRuns[i] > 0)
            && (warmRuns[i] < settings.Warmup || (warmMs[i] < MinWarmupMs && warmRuns[i] < MaxWarmupRuns));
        while (Enumerable.Range(0, count).Any(NeedsWarmup))
        {
            for (int i = 0; i < count; i++)
            {
                if (!NeedsWarmup(i)) continue;
                double ms = cases[i].RunOnce().Milliseconds;
                warmRuns[i]++;
                warmMs[i] += ms;
                Classify(i, ms);
            }
        }

        // Collect garbage now, not during the timed runs (passes allocate nothing per run).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var flusher = settings.Cold ? new CacheFlusher(CacheSizes.LastLevelBytes()) : null;

        for (int repetition = 0; samples.Select((s, i) => s.Count < runs[i]).Any(pending => pending); repetition++)
        {
            for (int j = 0; j < count; j++)
            {
                int i = (j + repetition) % count;
                if (samples[i].Count >= runs[i]) continue;
                flusher?.Flush();
                var timing = cases[i].RunOnce();
                samples[i].Add(timing.Milliseconds);
                clocks[i] = clocks[i] is null || clocks[i] == timing.Clock ? timing.Clock : clocks[i] + "|" + timing.Clock;
                Classify(i, timing.Milliseconds);
            }
        }

        // The roofs count their own work: the compute roof's multiply-adds (so its GFLOP/s is the roof) and the copy's bytes.
        return cases.Select((c, i) => BenchRow.FromSamples(c.Op, c.Backend, layers.Shape,
            c is ComputeRoofBenchCase compute ? compute.MultiplyAdds : layers.Multiplications(c.Op),
            runs[i] < settings.Runs, samples[i], clocks[i], c.BytesMoved)).ToList();
    }
}
