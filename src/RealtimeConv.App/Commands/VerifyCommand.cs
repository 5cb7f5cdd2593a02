using System.CommandLine;
using System.Globalization;
using RealtimeConv.Gpu;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Imaging;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;

namespace RealtimeConv.App.Commands;

/// <summary>
/// <c>rtconv verify [--pipeline P] [--mode M] [INPUT...]</c>: runs pipelines on the GPU (<see cref="GpuChain"/>)
/// and on the reference kernels and prints the largest absolute and relative error of every layer in every
/// mode. Exit 0 when all are within 1e-4·(1 + |ref|), 1 when any is above (or the GPU cannot run or a
/// shader does not compile), 2 on usage, pipeline or image errors.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Allowed error relative to 1 + |reference|: float32 against double accumulation.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Exit code for options, pipelines or inputs that cannot be used.</summary>
    public const int BadInput = 2;

    /// <summary><c>--pipeline</c> value for the built-in test chains (d = 2, stride 2, K = 5 and 7).</summary>
    public const string BuiltIn = "builtin";

    /// <summary><c>--pipeline</c> value (and the default) for every preset plus the built-in chains.</summary>
    public const string All = "all";

    public static Command Create()
    {
        var pipeline = new Option<string>("--pipeline")
        {
            Description = $"A pipeline .json file, a preset ({string.Join(", ", PresetCatalog.Names)}; e.g. random:m=8,n=16,k=5), " +
                          $"'{BuiltIn}' (test chains with d=2, stride 2, K=5/7) or '{All}' (every preset and the built-in chains)",
            DefaultValueFactory = _ => All,
        };
        var mode = new Option<string>("--mode") { Description = "standard, separable or both", DefaultValueFactory = _ => "both" };
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Image files or folders; without any, a seeded random input of --size",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var shaders = new Option<string?>("--shaders") { Description = "Folder of .comp/.glsl files (default: the shaders next to the program)" };
        var size = new Option<string>("--size") { Description = "Random input size WxH (used without INPUT)", DefaultValueFactory = _ => "64x48" };
        var maxSide = new Option<int>("--max-side")
        {
            Description = "Images with a longer side are shrunk by the smallest integer factor that fits, averaging each f×f box",
            DefaultValueFactory = _ => 128,
        };
        var frames = new Option<int>("--frames") { Description = "GPU frames per chain; the time column is the last frame's", DefaultValueFactory = _ => 2 };
        var command = new Command("verify", "Run pipelines on the GPU and on the reference kernels; report the error and GPU time per layer and mode")
        {
            pipeline, mode, inputs, shaders, size, maxSide, frames,
        };
        command.SetAction(parseResult =>
        {
            var settings = new Settings(
                parseResult.GetValue(pipeline) ?? All, parseResult.GetValue(mode) ?? "both", parseResult.GetValue(inputs) ?? [],
                parseResult.GetValue(shaders), parseResult.GetValue(size) ?? "", parseResult.GetValue(maxSide), parseResult.GetValue(frames));
            return Execute(settings, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        });
        return command;
    }

    private sealed record Settings(string Pipeline, string Mode, string[] Inputs, string? Shaders, string Size, int MaxSide, int Frames);

    private static int Execute(Settings settings, TextWriter output, TextWriter error)
    {
        if (!ImageSizeText.TryParse(settings.Size, out int width, out int height))
            return Usage(error, $"--size '{settings.Size}' is not WxH with sides 1..{FeatureMap.MaxSide}");
        if (settings.Frames is < 1 or > 1000)
            return Usage(error, $"--frames {settings.Frames} is outside 1..1000");
        if (settings.MaxSide is < 1 or > FeatureMap.MaxSide)
            return Usage(error, $"--max-side {settings.MaxSide} is outside 1..{FeatureMap.MaxSide}");
        ConvMode[]? modes = settings.Mode.ToLowerInvariant() switch
        {
            "both" => [ConvMode.Standard, ConvMode.Separable],
            "standard" => [ConvMode.Standard],
            "separable" => [ConvMode.Separable],
            _ => null,
        };
        if (modes is null) return Usage(error, $"--mode '{settings.Mode}' is not standard, separable or both");
        string folder = settings.Shaders ?? ShaderLibrary.DefaultDirectory;
        if (!Directory.Exists(folder)) return Usage(error, $"shader folder '{folder}' does not exist");

        List<VerifyTarget> targets;
        List<DecodedImage> images;
        try
        {
            targets = Targets(settings.Pipeline, modes);
            images = LoadImages(settings.Inputs);
        }
        catch (Exception e) when (e is PipelineFileException or ImageLoadException)
        {
            return Usage(error, e.Message);
        }

        try
        {
            using var backend = new GpuBackend(folder);
            output.WriteLine($"gpu: {backend.Thread.Context.Description}");
            output.WriteLine($"shaders: {Path.GetFullPath(folder)}; tolerance {Tolerance:0e0}·(1 + |ref|)");
            if (images.Count > 0)
                output.WriteLine($"inputs: {images.Count} image(s); sides above {settings.MaxSide} are shrunk by an integer factor (box average)");
            bool good = Run(backend, targets, images, width, height, settings, output);
            output.WriteLine(good ? "verify: all layers within tolerance" : "verify: some layers exceed the tolerance");
            return good ? 0 : 1;
        }
        catch (Exception e) when (e is GpuUnavailableException or ShaderCompileException)
        {
            error.WriteLine($"verify: {e.Message}");
            return 1;
        }
    }

    /// <summary>The chains to run: each pipeline in each mode, and the built-in chains when asked for.</summary>
    private static List<VerifyTarget> Targets(string spec, ConvMode[] modes)
    {
        bool all = spec.Equals(All, StringComparison.OrdinalIgnoreCase);
        bool builtIn = all || spec.Equals(BuiltIn, StringComparison.OrdinalIgnoreCase);
        var pipelines = all ? PresetCatalog.Names.Select(PipelineSource.Load).ToList()
            : builtIn ? []
            : [PipelineSource.Load(spec)];
        var targets = new List<VerifyTarget>();
        foreach (var pipeline in pipelines)
            foreach (var mode in modes)
                targets.Add(new VerifyTarget(pipeline.Name, mode.ToString().ToLowerInvariant(), pipeline.Resolve(mode).Layers));
        if (builtIn)
            foreach (var (name, layers) in VerifyChains.All())
                targets.Add(new VerifyTarget(BuiltIn, name, layers));
        return targets;
    }

    /// <summary>Every INPUT file, and the images of every INPUT folder, decoded.</summary>
    private static List<DecodedImage> LoadImages(string[] inputs)
    {
        var images = new List<DecodedImage>();
        foreach (var input in inputs)
        {
            if (!Directory.Exists(input))
            {
                images.Add(ImageLoader.Load(input));
                continue;
            }
            var listing = ImageFolder.List(input);
            if (listing.Files.Count == 0) throw new ImageLoadException(input, ImageLoadFailure.Missing, "the folder holds no images");
            images.AddRange(listing.Files.Select(ImageLoader.Load));
        }
        return images;
    }

    /// <summary>The maps a target runs on: each image in its channels, or seeded random values.</summary>
    private static IEnumerable<VerifyInput> Inputs(VerifyTarget target, List<DecodedImage> images, int width, int height, int maxSide)
    {
        int channels = target.InputChannels;
        if (images.Count == 0 || channels is not (1 or 3))
        {
            string note = images.Count == 0 ? "" : $"images give 1 or 3 channels, the chain reads {channels}: seeded random input";
            yield return new VerifyInput($"random {width}x{height}", RandomMap(channels, height, width), note);
            yield break;
        }
        foreach (var image in images)
        {
            var map = ImageConversion.ToFeatureMap(image.Pixels, channels);
            int factor = AreaDownsample.Factor(map.Width, map.Height, maxSide);
            var shrunk = AreaDownsample.Apply(map, factor);
            string note = factor == 1 ? "" : $"{image.Width}x{image.Height} box-averaged by {factor} to {shrunk.Width}x{shrunk.Height}";
            yield return new VerifyInput(Path.GetFileName(image.Path), shrunk, note);
        }
    }

    /// <summary>Values uniform in [0, 1) from a fixed seed, like an image's.</summary>
    private static FeatureMap RandomMap(int channels, int height, int width)
    {
        var random = new Random(1);
        var values = new float[channels * height * width];
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        return FeatureMap.FromPlanar(values, channels, height, width);
    }

    /// <summary>Runs every target on every input; true when every layer is within tolerance.</summary>
    private static bool Run(GpuBackend backend, List<VerifyTarget> targets, List<DecodedImage> images, int width, int height, Settings settings, TextWriter output)
    {
        using var reference = new ReferenceBackend();
        bool allGood = true;
        output.WriteLine($"{"pipeline",-20} {"mode",-10} {"input",-16} {"layer",-44} {"max abs",10} {"max rel",10} {"gpu ms",9}  clock");
        foreach (var target in targets)
            foreach (var input in Inputs(target, images, width, height, settings.MaxSide))
            {
                if (input.Note.Length > 0) output.WriteLine($"  {input.Name}: {input.Note}");
                var layers = target.Layers;
                var (gpuOutputs, timings) = backend.Thread.Invoke(() =>
                {
                    using var chain = backend.CreateChain(layers);
                    // The first frame builds the programs; later ones time the passes alone.
                    for (int frame = 0; frame < settings.Frames; frame++) chain.RunFrame(input.Map);
                    var maps = Enumerable.Range(0, layers.Count).Select(i =>
                    {
                        var map = new FeatureMap(layers[i].OutChannels, chain.Output(i).Height, chain.Output(i).Width);
                        chain.Download(i, map);
                        return map;
                    }).ToArray();
                    return (maps, Enumerable.Range(0, layers.Count).Select(chain.WaitTiming).ToArray());
                });

                // Each layer's reference reads the previous reference output, so errors do not compound.
                var expected = input.Map;
                for (int i = 0; i < layers.Count; i++)
                {
                    expected = reference.Prepare(layers[i]).Run(expected);
                    var (abs, rel) = Errors(expected, gpuOutputs[i]);
                    bool good = rel <= Tolerance;
                    allGood &= good;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{Truncate(target.Pipeline, 20),-20} {Truncate(target.Mode, 10),-10} {Truncate(input.Name, 16),-16} {Truncate(layers[i].ToString(), 44),-44} " +
                        $"{abs,10:0.00e0} {rel,10:0.00e0} {timings[i].Milliseconds,9:0.000}  {timings[i].Clock} {(good ? "ok" : "FAIL")}"));
                }
            }
        return allGood;
    }

    /// <summary>max |g − r| and max |g − r| / (1 + |r|) over all real channels.</summary>
    private static (double Abs, double Rel) Errors(FeatureMap expected, FeatureMap actual)
    {
        double abs = 0, rel = 0;
        for (int c = 0; c < expected.Channels; c++)
            for (int y = 0; y < expected.Height; y++)
                for (int x = 0; x < expected.Width; x++)
                {
                    double r = expected[c, y, x], d = Math.Abs(actual[c, y, x] - r);
                    if (double.IsNaN(d)) return (double.NaN, double.PositiveInfinity);
                    abs = Math.Max(abs, d);
                    rel = Math.Max(rel, d / (1 + Math.Abs(r)));
                }
        return (abs, rel);
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine($"verify: {message}");
        return BadInput;
    }


    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
