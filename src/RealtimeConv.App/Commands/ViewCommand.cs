using System.CommandLine;
using System.Globalization;
using RealtimeConv.App.Run;
using RealtimeConv.Pipelines;
using RealtimeConv.Platform.Windowing;
using RealtimeConv.Viewer.Compute;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Viewer.Loop;
using RealtimeConv.Viewer.Streaming;

namespace RealtimeConv.App.Commands;

/// <summary>
/// <c>rtconv view</c>: the real-time viewer window. Without a display or libglfw it says so in one line
/// and falls back to the headless path on the same images (<c>rtconv run … --out</c>), so a new user
/// always sees a result.
/// </summary>
internal static class ViewCommand
{
    /// <summary>Exit code of a usage error.</summary>
    public const int BadUsage = 2;

    /// <summary>Exit code when an input path does not exist.</summary>
    public const int BadInput = 1;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Image files and folders (default: media)", Arity = ArgumentArity.ZeroOrMore };
        var backend = new Option<string>("--backend") { Description = "auto (GPU compute on a hardware GL driver, CPU kernels on a software renderer), gpu or cpu", DefaultValueFactory = _ => "auto" };
        var pipeline = new Option<string>("--pipeline") { Description = $"The first pipeline shown: a preset ({string.Join(", ", PresetCatalog.Names)}) or a .json file; P cycles on through the presets", DefaultValueFactory = _ => "edges" };
        var kernel = new Option<int>("--kernel") { Description = "Kernel size of the presets (K cycles 3, 5, 7)", DefaultValueFactory = _ => 3 };
        var mode = new Option<string>("--mode") { Description = "standard, separable or side-by-side (keys 1, 2, 3)", DefaultValueFactory = _ => "side-by-side" };
        var fps = new Option<double?>("--fps") { Description = "Play the images as a video at N frames per second" };
        var slideshow = new Option<double?>("--slideshow") { Description = "Show each image for SECONDS, then the next (default: hold until Left/Right)" };
        var watch = new Option<bool>("--watch") { Description = "Pick up images added to the folders while running" };
        var maxSide = new Option<int>("--max-side") { Description = "Downscale images whose longer side exceeds this (pixels)", DefaultValueFactory = _ => 1024 };
        var frames = new Option<int?>("--frames") { Description = "Quit after N frames" };
        var screenshot = new Option<string?>("--screenshot") { Description = "Save the last frame as PNG (FILE.png)" };
        var screenshots = new Option<string>("--screenshot-dir") { Description = "Where S saves the frame and both channel grids", DefaultValueFactory = _ => "screenshots" };
        var stats = new Option<bool>("--stats") { Description = "Print median frame time and fps per mode and backend on exit" };
        var noVsync = new Option<bool>("--no-vsync") { Description = "Do not wait for the display refresh (measure the real frame rate)" };
        var size = new Option<string>("--size") { Description = "Window size WxH", DefaultValueFactory = _ => "1280x720" };
        var fullscreen = new Option<bool>("--fullscreen") { Description = "Start fullscreen (F toggles)" };
        var normalize = new Option<string>("--normalize") { Description = "Tile colour range per channel or global (N toggles)", DefaultValueFactory = _ => "channel" };
        var shaders = new Option<string?>("--shaders") { Description = "Read shaders from this folder (R reloads them)" };
        var fallback = new Option<string>("--fallback-out") { Description = "Where the headless fallback writes when no window can open", DefaultValueFactory = _ => Path.Combine("out", "view") };

        var command = new Command("view", "Open the real-time viewer: both modes' output channels side by side, with timings (hotkeys: H)")
        {
            inputs, backend, pipeline, kernel, mode, fps, slideshow, watch, maxSide, frames, screenshot, screenshots, stats,
            noVsync, size, fullscreen, normalize, shaders, fallback,
        };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            ViewerOptions options;
            try
            {
                options = Parse(parseResult, inputs, backend, pipeline, kernel, mode, fps, slideshow, watch, maxSide, frames, screenshot,
                    screenshots, stats, noVsync, size, fullscreen, normalize, shaders);
            }
            catch (RunUsageException e)
            {
                stderr.WriteLine($"rtconv view: {e.Message}");
                return BadUsage;
            }
            return Execute(options, parseResult.GetValue(fallback)!, stdout, stderr);
        });
        return command;
    }

    /// <summary>Opens the viewer, or falls back to the headless run when no window can open.</summary>
    public static int Execute(ViewerOptions options, string fallbackFolder, TextWriter output, TextWriter error)
    {
        if (WindowSupport.WhyUnavailable() is { } reason) return Fallback(options, fallbackFolder, reason, output, error);
        ViewerApp app;
        try
        {
            app = new ViewerApp(options, output);
        }
        catch (ViewerInputException e)
        {
            error.WriteLine($"rtconv view: {e.Message}");
            return BadInput;
        }
        catch (PlatformUnavailableException e)
        {
            return Fallback(options, fallbackFolder, e.Message, output, error);
        }
        using (app)
        {
            app.Run();
        }
        if (options.Stats)
            foreach (var line in app.Stats.Report()) output.WriteLine(ViewerLog.Prefix + line);
        return 0;
    }

    private static int Fallback(ViewerOptions options, string folder, string reason, TextWriter output, TextWriter error)
    {
        error.WriteLine($"rtconv view: no window ({reason}); writing the headless result instead: rtconv run {string.Join(' ', options.Inputs)} --out {folder}");
        var run = new RunOptions(options.Inputs, folder, options.Presets[0], [ConvMode.Standard, ConvMode.Separable], "cpu",
            RunSaveKinds.Grid, options.Normalization, Overwrite: true);
        int status = RunCommand.Execute(run, output, error);
        if (status == 0) error.WriteLine($"rtconv view: open {Path.GetFullPath(folder)} to see both modes' channel grids");
        return status;
    }

    private static ViewerOptions Parse(ParseResult result, Argument<string[]> inputs, Option<string> backend, Option<string> pipeline,
        Option<int> kernel, Option<string> mode, Option<double?> fps, Option<double?> slideshow, Option<bool> watch, Option<int> maxSide,
        Option<int?> frames, Option<string?> screenshot, Option<string> screenshots, Option<bool> stats, Option<bool> noVsync,
        Option<string> size, Option<bool> fullscreen, Option<string> normalize, Option<string?> shaders)
    {
        var files = result.GetValue(inputs) is { Length: > 0 } given ? given : ["media"];
        if (files.FirstOrDefault(f => f.StartsWith('-') && !Path.Exists(f)) is string unknown)
            throw new RunUsageException($"unknown option '{unknown}' (a file whose name starts with '-' is written ./{unknown})");
        var choice = result.GetValue(backend)?.Trim().ToLowerInvariant() switch
        {
            "auto" => BackendChoice.Auto,
            "gpu" => BackendChoice.Gpu,
            "cpu" => BackendChoice.Cpu,
            var other => throw new RunUsageException($"--backend '{other}' is not one of auto, gpu, cpu"),
        };
        var viewMode = result.GetValue(mode)?.Trim().ToLowerInvariant() switch
        {
            "standard" or "1" => ViewMode.Standard,
            "separable" or "2" => ViewMode.Separable,
            "side-by-side" or "both" or "3" => ViewMode.SideBySide,
            var other => throw new RunUsageException($"--mode '{other}' is not one of standard, separable, side-by-side"),
        };
        int k = result.GetValue(kernel);
        if (k is < 1 or > 15 || k % 2 == 0) throw new RunUsageException($"--kernel {k}: expected an odd size 1..15");
        var (playback, seconds) = (result.GetValue(fps), result.GetValue(slideshow)) switch
        {
            ({ }, { }) => throw new RunUsageException("--fps plays a sequence and --slideshow holds each image: give one of them"),
            ({ } f, null) when f is > 0 and <= 1000 => (PlaybackMode.Sequence, 1 / f),
            ({ } f, null) => throw new RunUsageException($"--fps {f.ToString(CultureInfo.InvariantCulture)}: expected 0 < N ≤ 1000"),
            (null, { } s) when s > 0 => (PlaybackMode.Slideshow, s),
            (null, { } s) => throw new RunUsageException($"--slideshow {s.ToString(CultureInfo.InvariantCulture)}: expected seconds > 0"),
            _ => (PlaybackMode.Hold, 0.0),
        };
        if (result.GetValue(frames) is { } n && n < 1) throw new RunUsageException($"--frames {n}: expected 1 or more");
        if (!ImageSizeText.TryParse(result.GetValue(size)!, out int width, out int height))
            throw new RunUsageException($"--size '{result.GetValue(size)}': expected WxH, e.g. 1280x720");
        int side = result.GetValue(maxSide);
        if (side < 16) throw new RunUsageException($"--max-side {side}: expected 16 or more pixels");
        string first = result.GetValue(pipeline)!;
        var presets = new List<string> { first };
        presets.AddRange(PresetCatalog.Names.Where(name => !string.Equals(name, first, StringComparison.OrdinalIgnoreCase)));
        return new ViewerOptions
        {
            Inputs = files,
            Presets = presets,
            Kernel = k,
            Backend = choice,
            Mode = viewMode,
            Playback = playback,
            PlaybackSeconds = seconds,
            Watch = result.GetValue(watch),
            MaxSide = side,
            Frames = result.GetValue(frames),
            ScreenshotPath = result.GetValue(screenshot),
            ScreenshotFolder = result.GetValue(screenshots)!,
            Stats = result.GetValue(stats),
            VSync = !result.GetValue(noVsync),
            WindowSize = (width, height),
            Fullscreen = result.GetValue(fullscreen),
            Normalization = RunOptions.ParseNormalization(result.GetValue(normalize)),
            ShaderFolder = result.GetValue(shaders),
        };
    }
}
