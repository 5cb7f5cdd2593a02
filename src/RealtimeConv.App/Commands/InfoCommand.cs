using System.CommandLine;
using System.Globalization;
using RealtimeConv.Cost;
using RealtimeConv.Gpu;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Layers;
using RealtimeConv.Pipelines;

namespace RealtimeConv.App.Commands;

/// <summary>
/// <c>rtconv info --pipeline P --size WxH</c>: the cost model of a pipeline in both modes, per layer,
/// per block and in total, with what resolving each mode did to each block; then the GL driver and its
/// compute limits (skipped with <c>--no-gpu</c>; without a GL context, one line saying why).
/// </summary>
internal static class InfoCommand
{
    /// <summary>Exit code for a pipeline or size that cannot be used.</summary>
    public const int BadInput = 2;

    public static Command Create()
    {
        var pipeline = new Option<string>("--pipeline")
        {
            Description = $"A pipeline .json file or a preset ({string.Join(", ", PresetCatalog.Names)}; e.g. random:m=32,n=32,k=3).",
            DefaultValueFactory = _ => "edges",
        };
        var size = new Option<string>("--size")
        {
            Description = "Input image size, WxH.",
            DefaultValueFactory = _ => "512x512",
        };
        var noGpu = new Option<bool>("--no-gpu") { Description = "Skip the GL probe (vendor, renderer, version, compute limits)." };
        var command = new Command("info", "Print a pipeline's layers and multiplication counts in standard and separable mode, and the GL driver.") { pipeline, size, noGpu };
        command.SetAction(parseResult => Execute(
            parseResult.GetValue(pipeline)!, parseResult.GetValue(size)!,
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, !parseResult.GetValue(noGpu)));
        return command;
    }

    /// <summary>
    /// Loads the pipeline and prints the report, then (with <paramref name="probeGpu"/>) the GL section; a bad
    /// pipeline or size is one line on <paramref name="error"/> and exit 2. A missing GPU is not an error.
    /// </summary>
    public static int Execute(string pipelineSpec, string sizeText, TextWriter output, TextWriter error, bool probeGpu = false)
    {
        if (!ImageSizeText.TryParse(sizeText, out int width, out int height))
        {
            error.WriteLine($"rtconv info: --size '{sizeText}' is not WxH with sides 1..{Tensors.FeatureMap.MaxSide}");
            return BadInput;
        }
        Pipeline pipeline;
        try
        {
            pipeline = PipelineSource.Load(pipelineSpec);
        }
        catch (PipelineFileException e)
        {
            error.WriteLine($"rtconv info: {e.Message}");
            return BadInput;
        }
        WriteReport(output, pipeline, width, height);
        if (probeGpu) WriteGpu(output);
        return 0;
    }

    /// <summary>
    /// The driver and compute limits from a throw-away headless context; when none can be made, one line
    /// with the reason (the exception's message already says the CPU backends still work).
    /// </summary>
    private static void WriteGpu(TextWriter w)
    {
        w.WriteLine();
        GpuInfo info;
        try
        {
            info = GpuBackend.ProbeInfo();
        }
        catch (GpuUnavailableException e)
        {
            w.WriteLine($"gpu: {e.Message}");
            return;
        }
        w.WriteLine("gpu:");
        foreach (var line in info.Lines()) w.WriteLine($"  {line}");
    }

    /// <summary>
    /// The whole report. Each section is its own method so that other sections (GL vendor and renderer,
    /// …) can be added here without touching the others.
    /// </summary>
    public static void WriteReport(TextWriter w, Pipeline pipeline, int width, int height)
    {
        var standard = pipeline.Resolve(ConvMode.Standard);
        var separable = pipeline.Resolve(ConvMode.Separable);
        w.WriteLine($"pipeline '{pipeline.Name}': {pipeline.InputChannels} input channels -> {pipeline.OutputChannels} output channels, " +
                    $"{pipeline.Blocks.Count} block(s), input {width}x{height}");
        WriteLayers(w, standard, width, height);
        WriteLayers(w, separable, width, height);
        WriteBlocks(w, standard, separable, width, height);
        WriteResolution(w, standard, separable);
    }

    private static void WriteLayers(TextWriter w, ResolvedPipeline chain, int width, int height)
    {
        w.WriteLine();
        w.WriteLine($"{Mode(chain.Mode)} mode ({chain.Layers.Count} layer{(chain.Layers.Count == 1 ? "" : "s")}):");
        w.WriteLine($"  {"layer",-16} {"kind",-10} {"M->N",-10} {"K",2} {"s",2} {"output",-11} {"multiplications",18}");
        long total = 0;
        int h = height, wd = width;
        foreach (var layer in chain.Layers)
        {
            long mults = ConvCost.Multiplications(layer, h, wd);
            total += mults;
            h = layer.OutputSize(h);
            wd = layer.OutputSize(wd);
            w.WriteLine($"  {layer.Name,-16} {Kind(layer),-10} {$"{layer.InChannels}->{layer.OutChannels}",-10} {layer.Kernel,2} {layer.Stride,2} {$"{wd}x{h}",-11} {Count(mults),18}");
        }
        w.WriteLine($"  {"total",-16} {"",-10} {"",-10} {"",2} {"",2} {"",-11} {Count(total),18}");
    }

    /// <summary>
    /// Per block: multiplications in each mode, their ratio, and the model's ratio d·(1/N + 1/K²)
    /// (MobileNet's 1/N + 1/DK² for d = 1), which the counts reproduce exactly.
    /// </summary>
    private static void WriteBlocks(TextWriter w, ResolvedPipeline standard, ResolvedPipeline separable, int width, int height)
    {
        w.WriteLine();
        w.WriteLine("blocks (separable / standard):");
        w.WriteLine($"  {"block",-12} {"M->N",-10} {"K",2} {"d",2} {"standard",16} {"separable",16} {"ratio",8} {"d(1/N+1/K^2)",13} {"speed-up",9}");
        long totalStandard = 0, totalSeparable = 0;
        int h = height, wd = width;
        for (int b = 0; b < standard.Blocks.Count; b++)
        {
            var block = standard.Blocks[b].Block;
            long std = Sum(standard.Blocks[b].Layers, h, wd);
            long sep = Sum(separable.Blocks[b].Layers, h, wd);
            int d = separable.Blocks[b].Layers[0].Multiplier;
            totalStandard += std;
            totalSeparable += sep;
            double ratio = std == 0 ? 0 : (double)sep / std;
            double theory = ConvCost.SeparableOverStandard(block.OutChannels, block.Kernel, d);
            w.WriteLine($"  {block.Name,-12} {$"{block.InChannels}->{block.OutChannels}",-10} {block.Kernel,2} {d,2} {Count(std),16} {Count(sep),16} " +
                        $"{Fixed(ratio, 4),8} {Fixed(theory, 4),13} {Fixed(1 / ratio, 2) + "x",9}");
            h = (h + block.Stride - 1) / block.Stride;
            wd = (wd + block.Stride - 1) / block.Stride;
        }
        double totalRatio = (double)totalSeparable / totalStandard;
        w.WriteLine($"  {"total",-12} {"",-10} {"",2} {"",2} {Count(totalStandard),16} {Count(totalSeparable),16} {Fixed(totalRatio, 4),8} {"",13} {Fixed(1 / totalRatio, 2) + "x",9}");
    }

    private static void WriteResolution(TextWriter w, ResolvedPipeline standard, ResolvedPipeline separable)
    {
        w.WriteLine();
        w.WriteLine("resolution:");
        foreach (var chain in new[] { standard, separable })
            foreach (var block in chain.Blocks)
                w.WriteLine($"  {Mode(chain.Mode),-9} {block.Block.Name,-12} {block.Note}");
    }

    private static long Sum(IReadOnlyList<ConvLayer> layers, int height, int width)
    {
        long total = 0;
        foreach (var layer in layers)
        {
            total += ConvCost.Multiplications(layer, height, width);
            height = layer.OutputSize(height);
            width = layer.OutputSize(width);
        }
        return total;
    }


    private static string Mode(ConvMode mode) => mode.ToString().ToLowerInvariant();

    private static string Kind(ConvLayer layer) => layer.Kind.ToString().ToLowerInvariant();

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
