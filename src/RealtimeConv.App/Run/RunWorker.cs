using System.Globalization;
using RealtimeConv.Cost;
using RealtimeConv.Execution;
using RealtimeConv.Imaging;
using RealtimeConv.IO;
using RealtimeConv.Kernels;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;
using RealtimeConv.Visualization;

namespace RealtimeConv.App.Run;

/// <summary>
/// Runs images of one <c>rtconv run</c> through one executor per mode and writes their outputs. Executors own
/// their intermediate maps, so a worker serves one image at a time; parallel runs use one worker each.
/// Nothing here touches the run's tally or console: each image comes back as an <see cref="ImageOutcome"/>.
/// </summary>
internal sealed class RunWorker : IDisposable
{
    private readonly List<PipelineExecutor> _executors = [];
    private readonly IConvBackend? _ownedBackend;
    private readonly RunOptions _options;
    private readonly Pipeline _pipeline;

    /// <summary>Prepares every chain on <paramref name="backend"/>; disposes the backend too when <paramref name="ownsBackend"/>.</summary>
    public RunWorker(RunOptions options, Pipeline pipeline, IReadOnlyList<ResolvedPipeline> chains, IConvBackend backend, bool ownsBackend)
    {
        _options = options;
        _pipeline = pipeline;
        _ownedBackend = ownsBackend ? backend : null;
        try
        {
            foreach (var chain in chains) _executors.Add(new PipelineExecutor(chain, backend, FusionPolicy.Never));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Computes <paramref name="image"/> in every mode and writes what is missing (or everything, with --overwrite).</summary>
    /// <exception cref="Gpu.Shaders.ShaderCompileException">A shader failed to compile (it breaks every image, so it is not a failure of this one).</exception>
    public ImageOutcome Process(RunInput image)
    {
        var outputs = RunPlan.Outputs(_options, image, _pipeline.OutputChannels).ToArray();
        var kept = _options.Overwrite ? [] : outputs.Where(_options.Resume ? IsComplete : File.Exists).ToArray();
        if (kept.Length == outputs.Length)
        {
            return new ImageOutcome(image, ImageStatus.Kept, $"{image.Shown}: kept existing {Names(kept)} (--overwrite replaces them)",
                null, 0, 0, [], null, 0, kept.Length);
        }
        int written = 0;
        try
        {
            var decoded = ImageLoader.Load(image.Shown);
            int channels = _pipeline.InputChannels == 1 ? 1 : 3;
            var input = ImageConversion.ToFeatureMap(decoded.Pixels, channels, layout: _executors[0].Backend.PreferredLayout(channels));
            var line = new List<string>();
            var modes = new List<ModeOutcome>();
            var results = new FeatureMap[_executors.Count];
            for (int m = 0; m < _executors.Count; m++)
            {
                var executor = _executors[m];
                results[m] = executor.Run(input);
                var outcome = new ModeOutcome(executor.Chain.Mode, Layers(executor, input));
                modes.Add(outcome);
                line.Add($"{RunOptions.ModeName(outcome.Mode)} {Fixed(outcome.Milliseconds, 2)} ms ({outcome.Clock})");
                written += WriteOutputs(image, outcome.Mode, results[m], kept);
            }
            float? difference = null;
            if (results.Length == 2)
            {
                difference = FeatureMap.MaxAbsDifference(results[0], results[1]);
                line.Add($"max |standard - separable| {Short(difference.Value)}");
            }
            if (kept.Length > 0) line.Add($"kept existing {Names(kept)}");
            return new ImageOutcome(image, ImageStatus.Computed, $"{image.Shown} {decoded.Width}x{decoded.Height}: {string.Join(", ", line)}",
                null, decoded.Width, decoded.Height, modes, difference, written, kept.Length);
        }
        catch (Exception e) when (e is ImageLoadException or ImageWriteException or IOException or UnauthorizedAccessException
                                      or ArgumentException or OutOfMemoryException
                                      or InvalidOperationException) // e.g. a map larger than the GPU's storage blocks
        {
            // Loader and writer messages already start with the file; others get the image's name in front.
            string message = e is ImageLoadException or ImageWriteException ? e.Message : $"{image.Shown}: {e.Message.ReplaceLineEndings(" ")}";
            return new ImageOutcome(image, ImageStatus.Failed, null, message, 0, 0, [], null, written, kept.Length);
        }
    }

    /// <summary>Disposes the executors (and the backend when this worker owns it).</summary>
    public void Dispose()
    {
        foreach (var executor in _executors) executor.Dispose();
        _executors.Clear();
        _ownedBackend?.Dispose();
    }

    /// <summary>
    /// Whether an existing output reads back whole. Our own writes are atomic, so a file under a final name is complete
    /// unless something else wrote or cut it; --resume checks rather than trusts.
    /// </summary>
    private static bool IsComplete(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            if (path.EndsWith(".npy", StringComparison.Ordinal)) NpyFile.Read(path);
            else ImageLoader.Load(path);
            return true;
        }
        catch (Exception e) when (e is ImageLoadException or NpyFormatException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The last run's layers: shapes from the maps actually read and written, times and clocks from the executor.</summary>
    private static LayerOutcome[] Layers(PipelineExecutor executor, FeatureMap input)
    {
        var layers = new LayerOutcome[executor.Layers.Count];
        int[] inShape = [executor.Layers[0].InChannels, input.Height, input.Width];
        for (int i = 0; i < layers.Length; i++)
        {
            var layer = executor.Layers[i];
            var map = executor.LayerOutput(i);
            int[] outShape = [map.Channels, map.Height, map.Width];
            var timing = executor.Timings[i];
            layers[i] = new LayerOutcome(layer.Name, layer.Kind, layer.Kernel, layer.Stride, layer.Multiplier, inShape, outShape,
                timing.Milliseconds, timing.Clock, ConvCost.Multiplications(layer, inShape[1], inShape[2]));
            inShape = outShape;
        }
        return layers;
    }

    private int WriteOutputs(RunInput image, ConvMode mode, FeatureMap result, string[] kept)
    {
        int written = 0;
        if (_options.Save.HasFlag(RunSaveKinds.Grid))
        {
            string path = OutputNames.File(_options.OutputFolder, image.OutputName, mode, "png");
            if (!kept.Contains(path))
            {
                PngWriter.Write(path, ChannelVisualizer.RenderGrid(result, new VisualizationOptions { Normalization = _options.Normalization }), [image.Path]);
                written++;
            }
        }
        if (_options.Save.HasFlag(RunSaveKinds.Channels))
        {
            var visualization = new VisualizationOptions { Normalization = _options.Normalization };
            for (int c = 0; c < result.Channels; c++)
            {
                string path = OutputNames.ChannelFile(_options.OutputFolder, image.OutputName, mode, c);
                if (kept.Contains(path)) continue;
                PngWriter.Write(path, ChannelVisualizer.RenderChannel(result, c, visualization), [image.Path]);
                written++;
            }
        }
        if (_options.Save.HasFlag(RunSaveKinds.Npy))
        {
            string path = OutputNames.File(_options.OutputFolder, image.OutputName, mode, "npy");
            if (!kept.Contains(path))
            {
                try
                {
                    NpyFile.Write(path, result);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new IOException($"cannot write {path}: {e.Message}", e);
                }
                written++;
            }
        }
        return written;
    }

    /// <summary>A difference as the reports print it: 3 significant digits, lower-case exponent.</summary>
    public static string Short(float value) => value.ToString("G3", CultureInfo.InvariantCulture).ToLowerInvariant();

    private static string Names(IEnumerable<string> paths) => string.Join(", ", paths.Select(Path.GetFileName));

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
