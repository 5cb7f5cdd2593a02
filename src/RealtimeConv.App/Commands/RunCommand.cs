using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using RealtimeConv.App.Backends;
using RealtimeConv.App.Charts;
using RealtimeConv.App.Run;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.IO;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Layers;
using RealtimeConv.Pipelines;

namespace RealtimeConv.App.Commands;

/// <summary>
/// <c>rtconv run INPUT... --out DIR</c>: runs a pipeline over image files and folders in standard and/or
/// separable mode and writes, per image and mode, a PNG grid of the final output's channels and optionally
/// the raw output as .npy (names: <see cref="OutputNames"/>), and at the end <c>report.json</c> (<see cref="RunReport"/>). Exit codes: 0 all good, 1 some inputs
/// failed (the run goes on past them), 2 usage or pipeline errors, found before any image is read, 130 interrupted
/// by Ctrl-C (SIGINT) after finishing the images in progress.
/// </summary>
/// <remarks>
/// Existing outputs: by default an existing output file is kept as it is (our writes are atomic, so a file under a
/// final name is whole unless something else made it); <c>--resume</c>, the documented way to finish an interrupted
/// run, keeps only outputs that read back complete and recomputes the images with a missing or unreadable one;
/// <c>--overwrite</c> replaces everything.
/// </remarks>
internal static class RunCommand
{
    /// <summary>Exit code when some inputs could not be read, computed or written.</summary>
    public const int SomeInputsFailed = 1;

    /// <summary>Exit code for a command line, pipeline or backend that cannot be used.</summary>
    public const int BadUsage = 2;

    /// <summary>
    /// Exit code after Ctrl-C (SIGINT), the shell's 128 + 2: images already started were finished and their files
    /// written (atomically), no further image was started. <c>--resume</c> finishes the run.
    /// </summary>
    public const int Interrupted = 130;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Image files and folders (a folder's images in natural order)", Arity = ArgumentArity.ZeroOrMore };
        // Zero-or-one, so that a bare --out reaches the action and exits 2 with the other usage errors.
        var output = new Option<string?>("--out") { Description = "Output folder (created when missing; must not be or lie inside an input folder)", Arity = ArgumentArity.ZeroOrOne };
        var pipeline = new Option<string>("--pipeline")
        {
            Description = $"A pipeline .json file or a preset ({string.Join(", ", PresetCatalog.Names)})",
            DefaultValueFactory = _ => "edges",
        };
        var mode = new Option<string>("--mode") { Description = "standard, separable or both", DefaultValueFactory = _ => "both" };
        var backend = new Option<string>("--backend")
        {
            Description = $"Compute backend (known: {string.Join(", ", BackendCatalog.Names)})",
            DefaultValueFactory = _ => "cpu",
        };
        var save = new Option<string>("--save") { Description = "What to write per image and mode, comma-separated: grid (PNG of all channels), channels (one PNG per channel), npy (float32 C×H×W)", DefaultValueFactory = _ => "grid" };
        var normalize = new Option<string>("--normalize") { Description = "Grid colour range per channel or global", DefaultValueFactory = _ => "channel" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace existing outputs (by default they are kept)" };
        var resume = new Option<bool>("--resume")
        {
            Description = "Finish an interrupted run: keep existing outputs that read back complete, compute the rest (not with --overwrite)",
        };
        var jobs = new Option<int>("--jobs")
        {
            Description = "Images computed at once on the CPU backends, each worker single-threaded when above 1 (not with --backend gpu)",
            DefaultValueFactory = _ => 1,
        };

        var plot = new Option<string?>("--plot") { Description = "Also draw the time per image and mode as a PNG chart (FILE.png)" };

        var command = new Command("run", "Run a pipeline over images and save each output's channels as a PNG grid (and .npy)")
        {
            inputs, output, pipeline, mode, backend, save, normalize, overwrite, jobs, resume, plot,
        };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            RunOptions options;
            try
            {
                var files = parseResult.GetValue(inputs) ?? [];
                if (files.Length == 0) throw new RunUsageException("no INPUT given (image files or folders)");
                // The inputs argument takes every token no option claims, so an unknown option would otherwise pass for a
                // missing file (exit 1); reported here it is a usage error (exit 2) like the rest.
                if (files.FirstOrDefault(f => f.StartsWith('-') && !Path.Exists(f)) is string unknown)
                    throw new RunUsageException($"unknown option '{unknown}' (a file whose name starts with '-' is written ./{unknown})");
                string outFolder = parseResult.GetValue(output) is { Length: > 0 } o ? o : throw new RunUsageException("--out DIR is required");
                options = new RunOptions(files, outFolder, parseResult.GetValue(pipeline)!,
                    RunOptions.ParseModes(parseResult.GetValue(mode)), parseResult.GetValue(backend)!,
                    RunOptions.ParseSave(parseResult.GetValue(save)), RunOptions.ParseNormalization(parseResult.GetValue(normalize)),
                    parseResult.GetValue(overwrite), RunOptions.ParseJobs(parseResult.GetValue(jobs)), parseResult.GetValue(resume));
                if (options.Resume && options.Overwrite) throw new RunUsageException("--resume keeps complete outputs and --overwrite replaces them: give one of them");
                if (parseResult.GetValue(plot) is { Length: > 0 } plotPath)
                {
                    if (files.Any(input => PathIdentity.Same(input, plotPath)))
                        throw new RunUsageException($"--plot {plotPath} is one of the inputs; it would be overwritten");
                    options = options with { PlotPath = plotPath };
                }
                if (options.Jobs > 1 && string.Equals(options.BackendName, "gpu", StringComparison.OrdinalIgnoreCase))
                    throw new RunUsageException($"--jobs {options.Jobs}: the gpu backend runs one image at a time (its passes share one GL thread); use --jobs 1");
            }
            catch (RunUsageException e)
            {
                stderr.WriteLine($"rtconv run: {e.Message}");
                return BadUsage;
            }
            // The first Ctrl-C asks the run to stop after the images in progress; a second one ends the process at once.
            using var interrupt = new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                if (interrupt.IsCancellationRequested) return;
                context.Cancel = true;
                interrupt.Cancel();
            });
            return Execute(options, stdout, stderr, interrupt.Token);
        });
        return command;
    }

    /// <summary>Runs <paramref name="options"/>; reports go to <paramref name="output"/>, errors to <paramref name="error"/>.</summary>
    public static int Execute(RunOptions options, TextWriter output, TextWriter error, CancellationToken interrupt = default)
    {
        // Everything that can be refused is checked before the first image is read: pipeline, backend, paths.
        Pipeline pipeline;
        ResolvedPipeline[] chains;
        try
        {
            pipeline = PipelineSource.Load(options.PipelineSpec);
            chains = options.Modes.Select(pipeline.Resolve).ToArray();
        }
        catch (Exception e) when (e is PipelineFileException or LayerSpecException)
        {
            error.WriteLine($"rtconv run: {e.Message}");
            return BadUsage;
        }
        IConvBackend backend;
        try
        {
            backend = options.Jobs == 1 ? BackendCatalog.Create(options.BackendName) : WorkerBackend(options.BackendName);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or GpuUnavailableException)
        {
            error.WriteLine($"rtconv run: --backend {options.BackendName}: {e.Message}");
            return BadUsage;
        }
        try
        {
            return Execute(options, pipeline, chains, backend, output, error, interrupt);
        }
        finally
        {
            backend.Dispose();
        }
    }

    private static int Execute(RunOptions options, Pipeline pipeline, ResolvedPipeline[] chains, IConvBackend backend, TextWriter output, TextWriter error,
        CancellationToken interrupt)
    {
        RunPlan plan;
        try
        {
            plan = RunPlan.Build(options, pipeline.OutputChannels);
        }
        catch (RunUsageException e)
        {
            error.WriteLine($"rtconv run: {e.Message}");
            return BadUsage;
        }

        var workers = new List<RunWorker>();
        try
        {
            // One worker per job: executors own their maps, so workers share nothing. With several jobs each worker
            // gets its own single-threaded backend, so the jobs do not fight over the fast backend's thread team.
            // The first worker uses the backend made (and disposed) by the caller.
            workers.Add(new RunWorker(options, pipeline, chains, backend, ownsBackend: false));
            for (int j = 1; j < options.Jobs; j++) workers.Add(new RunWorker(options, pipeline, chains, WorkerBackend(options.BackendName), ownsBackend: true));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or LayerSpecException
                                      or ShaderCompileException)
        {
            foreach (var worker in workers) worker.Dispose();
            error.WriteLine($"rtconv run: backend '{backend.Name}' cannot prepare pipeline '{pipeline.Name}': {e.Message}");
            return BadUsage;
        }
        try
        {
            try
            {
                Directory.CreateDirectory(options.OutputFolder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"rtconv run: --out {options.OutputFolder}: cannot create folder: {e.Message}");
                return BadUsage;
            }
            WriteHeader(output, pipeline, chains, backend, plan);
            var tally = new RunTally();
            foreach (string failure in plan.Failures)
            {
                error.WriteLine($"rtconv run: {failure}");
                tally.Failures.Add(failure);
            }
            var outcomes = new List<ImageOutcome>();
            var progress = RunProgress.For(error, plan.Images.Count);
            int notStarted = 0;
            try
            {
                notStarted = RunBatch.ProcessAll(workers, plan.Images, interrupt, outcome =>
                {
                    outcomes.Add(outcome);
                    progress.Clear();
                    Apply(outcome, tally, output, error);
                    progress.Draw(outcomes.Count, outcome.Image.Shown);
                });
            }
            catch (ShaderCompileException e)
            {
                // Programs compile on first use: a broken shader surfaces with the first image and breaks every image.
                error.WriteLine($"rtconv run: {e.Message.ReplaceLineEndings(" ")}");
                return BadUsage;
            }
            finally
            {
                progress.Clear();
            }
            if (notStarted > 0)
            {
                error.WriteLine($"rtconv run: interrupted: {outcomes.Count} of {plan.Images.Count} image(s) done, {notStarted} not started; " +
                                "run the same command with --resume to finish");
            }
            WriteSummary(output, error, options, plan, tally);
            try
            {
                RunReport.Write(options.OutputFolder, pipeline, chains, backend.Name, options.Jobs, notStarted > 0, plan.Notes, outcomes, tally.Failures);
            }
            catch (IOException e)
            {
                error.WriteLine($"rtconv run: {e.Message}");
                return SomeInputsFailed;
            }
            if (options.PlotPath is not null && !WritePlot(options.PlotPath, outcomes, output, error)) return SomeInputsFailed;
            if (notStarted > 0) return Interrupted;
            return tally.Failures.Count > 0 ? SomeInputsFailed : 0;
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }
    }

    /// <summary>Draws the time per image and mode (<c>--plot</c>); false, after one line on stderr, when it cannot.</summary>
    private static bool WritePlot(string path, IReadOnlyList<ImageOutcome> outcomes, TextWriter output, TextWriter error)
    {
        var times = outcomes
            .SelectMany(o => o.Modes.Select(m => (Image: o.Image.OutputName, Mode: RunOptions.ModeName(m.Mode), m.Milliseconds)))
            .Where(t => t.Milliseconds > 0)
            .ToList();
        if (times.Count == 0)
        {
            error.WriteLine($"rtconv run: --plot {path}: no image was computed in this run, nothing to draw");
            return false;
        }
        try
        {
            RunCharts.Write(times, path);
            output.WriteLine($"wrote {path}");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            error.WriteLine($"rtconv run: cannot write '{path}': {e.Message.ReplaceLineEndings(" ")}");
            return false;
        }
    }

    /// <summary>A parallel worker's own backend: the fast backend with one thread (the jobs are the parallelism), others as named.</summary>
    private static IConvBackend WorkerBackend(string name) =>
        string.Equals(name, "cpu", StringComparison.OrdinalIgnoreCase) ? new FastBackend(threads: 1) : BackendCatalog.Create(name);

    /// <summary>The pipeline, how each mode was resolved (so a fitted or dropped-activation mode shows as an approximation), and the listing notes.</summary>
    private static void WriteHeader(TextWriter w, Pipeline pipeline, ResolvedPipeline[] chains, IConvBackend backend, RunPlan plan)
    {
        w.WriteLine($"pipeline '{pipeline.Name}': {pipeline.InputChannels} -> {pipeline.OutputChannels} channels, backend {backend.Name}");
        foreach (var chain in chains)
        {
            string exactness = chain.IsExact ? "exact" : "approximation";
            w.WriteLine($"  {RunOptions.ModeName(chain.Mode)} ({exactness}): {string.Join("; ", chain.Blocks.Select(b => $"{b.Block.Name} {b.Note}"))}");
        }
        foreach (string note in plan.Notes) w.WriteLine($"note: {note}");
    }

    /// <summary>Prints one image's line (or its failure) and adds it to the tally.</summary>
    private static void Apply(ImageOutcome outcome, RunTally tally, TextWriter output, TextWriter error)
    {
        tally.Written += outcome.Written;
        tally.Kept += outcome.Kept;
        switch (outcome.Status)
        {
            case ImageStatus.Kept:
                tally.AllKept++;
                break;
            case ImageStatus.Computed:
                tally.Computed++;
                foreach (var mode in outcome.Modes) tally.Milliseconds[mode.Mode] = tally.Milliseconds.GetValueOrDefault(mode.Mode) + mode.Milliseconds;
                if (outcome.MaxDifference is float difference) tally.MaxDifference = Math.Max(tally.MaxDifference, difference);
                break;
            case ImageStatus.Failed:
                error.WriteLine($"rtconv run: {outcome.Failure}");
                tally.Failures.Add(outcome.Failure!);
                return;
        }
        output.WriteLine(outcome.Line);
    }

    private static void WriteSummary(TextWriter output, TextWriter error, RunOptions options, RunPlan plan, RunTally tally)
    {
        int images = plan.Images.Count + plan.Failures.Count;
        output.WriteLine(
            $"done: {images} input image(s): {tally.Computed} computed, {tally.AllKept} kept, {tally.Failures.Count} failed; " +
            $"{tally.Written} file(s) written, {tally.Kept} kept in {options.OutputFolder}");
        if (tally.Computed > 0)
        {
            var times = options.Modes.Select(m => $"{RunOptions.ModeName(m)} {Fixed(tally.Milliseconds.GetValueOrDefault(m), 2)} ms").ToList();
            if (options.Modes.Count == 2)
            {
                double standard = tally.Milliseconds.GetValueOrDefault(ConvMode.Standard), separable = tally.Milliseconds.GetValueOrDefault(ConvMode.Separable);
                if (standard > 0) times.Add($"separable/standard {Fixed(separable / standard, 3)}");
                times.Add($"max |standard - separable| {RunWorker.Short(tally.MaxDifference)}");
            }
            output.WriteLine($"total: {string.Join(", ", times)}");
        }
        if (tally.Failures.Count == 0) return;
        error.WriteLine($"rtconv run: {tally.Failures.Count} input(s) failed:");
        foreach (string failure in tally.Failures) error.WriteLine($"  {failure}");
    }

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
