using System.CommandLine;
using System.Globalization;
using RealtimeConv.Gpu;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Tensors;

namespace RealtimeConv.App.Commands;

/// <summary>
/// <c>rtconv verify</c>: runs chains on the GPU and on the reference kernels and prints the largest
/// absolute and relative error of every layer. Exit 0 when all are within 1e-4·(1 + |ref|), 1 when any
/// is above (or the GPU cannot run), 2 on usage errors.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Allowed error relative to 1 + |reference|: float32 against double accumulation.</summary>
    public const double Tolerance = 1e-4;

    public static Command Create()
    {
        var shaders = new Option<string?>("--shaders") { Description = "Folder of .comp/.glsl files (default: the shaders next to the program)" };
        var size = new Option<string>("--size") { Description = "Input size WxH", DefaultValueFactory = _ => "64x48" };
        var frames = new Option<int>("--frames") { Description = "GPU frames per chain; the time column is the last frame's", DefaultValueFactory = _ => 3 };
        var command = new Command("verify", "Run test chains on the GPU and on the reference kernels; report the error and GPU time per layer") { shaders, size, frames };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (!TryParseSize(parseResult.GetValue(size) ?? "", out int width, out int height))
            {
                error.WriteLine($"verify: --size '{parseResult.GetValue(size)}' is not WxH with sides 1..{FeatureMap.MaxSide}");
                return 2;
            }
            int frameCount = parseResult.GetValue(frames);
            if (frameCount is < 1 or > 1000)
            {
                error.WriteLine($"verify: --frames {frameCount} is outside 1..1000");
                return 2;
            }
            string folder = parseResult.GetValue(shaders) ?? ShaderLibrary.DefaultDirectory;
            if (!Directory.Exists(folder))
            {
                error.WriteLine($"verify: shader folder '{folder}' does not exist");
                return 2;
            }
            try
            {
                using var backend = new GpuBackend(folder);
                output.WriteLine($"gpu: {backend.Thread.Context.Description}");
                output.WriteLine($"shaders: {Path.GetFullPath(folder)}; input {width}×{height}; tolerance {Tolerance:0e0}·(1 + |ref|)");
                return Run(backend, width, height, frameCount, output) ? 0 : 1;
            }
            catch (Exception e) when (e is GpuUnavailableException or ShaderCompileException)
            {
                error.WriteLine($"verify: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Runs every built-in chain; true when every layer is within tolerance.</summary>
    private static bool Run(GpuBackend backend, int width, int height, int frames, TextWriter output)
    {
        var reference = new ReferenceBackend();
        var random = new Random(1);
        bool allGood = true;
        output.WriteLine($"{"chain",-10} {"layer",-40} {"max abs",10} {"max rel",10} {"gpu ms",9}  clock");
        foreach (var (name, layers) in VerifyChains.All())
        {
            var values = new float[VerifyChains.InputChannels * height * width];
            for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
            var input = FeatureMap.FromPlanar(values, VerifyChains.InputChannels, height, width);

            var (gpuOutputs, timings) = backend.Thread.Invoke(() =>
            {
                using var chain = backend.CreateChain(layers);
                // The first frame builds the programs; later ones time the passes alone.
                for (int frame = 0; frame < frames; frame++) chain.RunFrame(input);
                var maps = Enumerable.Range(0, layers.Length).Select(i =>
                {
                    var map = new FeatureMap(layers[i].OutChannels, chain.Output(i).Height, chain.Output(i).Width);
                    chain.Download(i, map);
                    return map;
                }).ToArray();
                return (maps, Enumerable.Range(0, layers.Length).Select(chain.WaitTiming).ToArray());
            });

            var expected = input;
            for (int i = 0; i < layers.Length; i++)
            {
                expected = reference.Prepare(layers[i]).Run(expected);
                var (abs, rel) = Errors(expected, gpuOutputs[i]);
                bool good = rel <= Tolerance;
                allGood &= good;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-10} {Truncate(layers[i].ToString(), 40),-40} {abs,10:0.00e0} {rel,10:0.00e0} {timings[i].Milliseconds,9:0.000}  {timings[i].Clock} {(good ? "ok" : "FAIL")}"));
            }
        }
        output.WriteLine(allGood ? "verify: all layers within tolerance" : "verify: some layers exceed the tolerance");
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

    internal static bool TryParseSize(string text, out int width, out int height)
    {
        width = height = 0;
        var parts = text.ToLowerInvariant().Split('x', '×');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height)
            && width is >= 1 and <= FeatureMap.MaxSide && height is >= 1 and <= FeatureMap.MaxSide;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
