using System.Text.Json;
using RealtimeConv.IO;
using RealtimeConv.Layers;

namespace RealtimeConv.Pipelines;

/// <summary>
/// Loads a pipeline from a JSON file (System.Text.Json; comments and trailing commas allowed).
/// </summary>
/// <remarks>
/// <para>Schema (fields marked ? are optional; unknown fields are errors, so typos are caught):</para>
/// <code>
/// {
///   "name"?: "text",                       // default: the file name without extension
///   "input_channels": 3,                   // channels of the image fed in (1 grey, 3 RGB)
///   "blocks": [                            // channel counts flow from block to block
///     { "type": "separable", "name"?: "b1", "kernel": 3, "stride"?: 1, "multiplier"?: 1,
///       "depthwise": { "weights": W, "bias"?: B, "activation"?: "none|relu|relu6" },  // activation between passes
///       "pointwise": { "out_channels": 16, "weights": W, "bias"?: B, "activation"?: "relu6" } },
///     { "type": "standard", "name"?: "stem", "out_channels": 16, "kernel": 3, "stride"?: 2,
///       "weights": W, "bias"?: B, "activation"?: "relu", "fit_multiplier"?: 2 }
///   ]
/// }
/// </code>
/// <para>A weight source W is one of: an inline array of numbers, flat or nested, in ONNX order
/// (depthwise <c>[M·d][1][K][K]</c>, pointwise <c>[N][M·d][1][1]</c>, standard <c>[N][M][K][K]</c>;
/// size-1 dimensions may be left out); <c>{"npy": "relative/path.npy"}</c>, a float32 (or float64) .npy
/// file, relative to the JSON file, of that shape; <c>{"random": {"seed": 1}}</c>, He initialisation
/// N(0, 2/fan_in) from the seed; <c>{"preset": ["blur", "sobel_x", …]}</c> (depthwise only), d named
/// <see cref="FilterPresets"/> filters given to every input channel. A bias B is an inline array of
/// out-channel numbers or <c>{"npy": …}</c>; absent means no bias.</para>
/// <para>Every problem is a <see cref="PipelineFileException"/> naming the file and the JSON path.</para>
/// </remarks>
public static class PipelineFile
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>Loads the pipeline file at <paramref name="path"/>.</summary>
    public static Pipeline Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PipelineFileException(path, null, Directory.Exists(path) ? "is a directory" : e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message, e);
        }
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Parse(text, path, folder, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>
    /// Parses pipeline JSON. <paramref name="source"/> names it in messages, <paramref name="baseDirectory"/>
    /// anchors relative .npy paths and <paramref name="defaultName"/> is used when the JSON has no name.
    /// </summary>
    public static Pipeline Parse(string json, string source, string baseDirectory, string defaultName = "pipeline")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            string reason = e.Message;
            int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) reason = reason[..cut];
            throw new PipelineFileException(source, null,
                $"malformed JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {reason.Trim()}", e);
        }
        using (document)
            return new Reader(source, baseDirectory).ReadPipeline(document.RootElement, defaultName);
    }

    /// <summary>Walks the document, carrying the file name and base folder for messages and .npy paths.</summary>
    private sealed class Reader(string source, string baseDirectory)
    {
        public Pipeline ReadPipeline(JsonElement root, string defaultName)
        {
            const string path = "$";
            RequireObject(root, path, "name", "input_channels", "blocks");
            string name = OptionalString(root, path, "name") ?? defaultName;
            int inputChannels = RequiredInt(root, path, "input_channels", 1, ConvLayer.MaxChannels);
            var blocksElement = Required(root, path, "blocks");
            if (blocksElement.ValueKind != JsonValueKind.Array || blocksElement.GetArrayLength() == 0)
                throw Fail(path + ".blocks", "must be a non-empty array of blocks");

            var blocks = new List<PipelineBlock>();
            int channels = inputChannels;
            int index = 0;
            foreach (var element in blocksElement.EnumerateArray())
            {
                string blockPath = $"$.blocks[{index}]";
                var block = Wrap(blockPath, () => ReadBlock(element, blockPath, index, channels));
                blocks.Add(block);
                channels = block.OutChannels;
                index++;
            }
            return Wrap(path, () => new Pipeline(name, inputChannels, blocks));
        }

        private PipelineBlock ReadBlock(JsonElement block, string path, int index, int inChannels)
        {
            if (block.ValueKind != JsonValueKind.Object) throw Fail(path, "must be an object");
            string type = RequiredString(block, path, "type");
            string name = OptionalString(block, path, "name") ?? $"block{index}";
            switch (type)
            {
                case "separable":
                {
                    RequireObject(block, path, "type", "name", "kernel", "stride", "multiplier", "depthwise", "pointwise");
                    int kernel = RequiredInt(block, path, "kernel", 1, ConvLayer.MaxKernel);
                    int stride = OptionalInt(block, path, "stride", 1, 2) ?? 1;
                    int d = OptionalInt(block, path, "multiplier", 1, ConvLayer.MaxMultiplier) ?? 1;
                    string dwPath = path + ".depthwise", pwPath = path + ".pointwise";
                    var dw = Required(block, path, "depthwise");
                    RequireObject(dw, dwPath, "weights", "bias", "activation");
                    int dwOut = inChannels * d;
                    var dwWeights = ReadWeights(Required(dw, dwPath, "weights"), dwPath + ".weights", [dwOut, 1, kernel, kernel], kernel * kernel, depthwiseMultiplier: d, kernel);
                    var dwBias = ReadBias(dw, dwPath, dwOut);
                    var between = ReadActivation(dw, dwPath);
                    var depthwise = Wrap(dwPath, () => ConvLayer.Depthwise(name + ".dw", inChannels, d, kernel, stride, dwWeights, dwBias, between));

                    var pw = Required(block, path, "pointwise");
                    RequireObject(pw, pwPath, "out_channels", "weights", "bias", "activation");
                    int n = RequiredInt(pw, pwPath, "out_channels", 1, ConvLayer.MaxChannels);
                    var pwWeights = ReadWeights(Required(pw, pwPath, "weights"), pwPath + ".weights", [n, dwOut, 1, 1], dwOut, depthwiseMultiplier: null, kernel);
                    var pwBias = ReadBias(pw, pwPath, n);
                    var pointwise = Wrap(pwPath, () => ConvLayer.Pointwise(name + ".pw", dwOut, n, 1, pwWeights, pwBias, ReadActivation(pw, pwPath)));
                    return new SeparableBlock(name, depthwise, pointwise);
                }
                case "standard":
                {
                    RequireObject(block, path, "type", "name", "out_channels", "kernel", "stride", "weights", "bias", "activation", "fit_multiplier");
                    int n = RequiredInt(block, path, "out_channels", 1, ConvLayer.MaxChannels);
                    int kernel = RequiredInt(block, path, "kernel", 1, ConvLayer.MaxKernel);
                    int stride = OptionalInt(block, path, "stride", 1, 2) ?? 1;
                    int? fit = OptionalInt(block, path, "fit_multiplier", 1, ConvLayer.MaxMultiplier);
                    var weights = ReadWeights(Required(block, path, "weights"), path + ".weights", [n, inChannels, kernel, kernel], inChannels * kernel * kernel, depthwiseMultiplier: null, kernel);
                    var bias = ReadBias(block, path, n);
                    var layer = Wrap(path, () => ConvLayer.Standard(name, inChannels, n, kernel, stride, weights, bias, ReadActivation(block, path)));
                    return new StandardBlock(name, layer, fit);
                }
                default:
                    throw Fail(path + ".type", $"unknown block type '{type}' (expected 'separable' or 'standard')");
            }
        }

        /// <summary>Reads a weight source W for a tensor of <paramref name="shape"/> (ONNX order).</summary>
        private float[] ReadWeights(JsonElement source, string path, int[] shape, int fanIn, int? depthwiseMultiplier, int kernel)
        {
            int count = shape.Aggregate(1, (a, b) => a * b);
            if (source.ValueKind == JsonValueKind.Array) return ReadInline(source, path, shape);
            if (source.ValueKind != JsonValueKind.Object || source.EnumerateObject().Count() != 1)
                throw Fail(path, "must be an array of numbers or one of {\"npy\": …}, {\"random\": …}, {\"preset\": …}");
            var property = source.EnumerateObject().First();
            string sub = path + "." + property.Name;
            switch (property.Name)
            {
                case "npy":
                    return ReadNpy(property.Value, sub, shape);
                case "random":
                {
                    var random = property.Value;
                    RequireObject(random, sub, "seed");
                    long seed = RequiredLong(random, sub, "seed");
                    return SeededNormal.He(unchecked((ulong)seed), count, fanIn);
                }
                case "preset":
                {
                    if (depthwiseMultiplier is not int d) throw Fail(sub, "filter presets are for depthwise weights only");
                    if (property.Value.ValueKind != JsonValueKind.Array) throw Fail(sub, "must be an array of filter names");
                    var names = property.Value.EnumerateArray().Select((e, i) => e.ValueKind == JsonValueKind.String
                        ? e.GetString()!
                        : throw Fail($"{sub}[{i}]", "must be a filter name")).ToArray();
                    if (names.Length != d)
                        throw Fail(sub, $"names {names.Length} filters, the multiplier is {d} (one filter per depthwise output of each channel)");
                    var filters = names.Select((n, i) => Wrap($"{sub}[{i}]", () => FilterPresets.Build(n, kernel))).ToArray();
                    // Output channel m·d + j of the depthwise pass applies filter j to input channel m.
                    int taps = kernel * kernel;
                    var weights = new float[count];
                    for (int c = 0; c < shape[0]; c++) filters[c % d].CopyTo(weights, c * taps);
                    return weights;
                }
                default:
                    throw Fail(sub, $"unknown weight source '{property.Name}' (expected npy, random or preset)");
            }
        }

        private float[]? ReadBias(JsonElement layer, string path, int outChannels)
        {
            if (!layer.TryGetProperty("bias", out var bias) || bias.ValueKind == JsonValueKind.Null) return null;
            string sub = path + ".bias";
            if (bias.ValueKind == JsonValueKind.Array) return ReadInline(bias, sub, [outChannels]);
            if (bias.ValueKind == JsonValueKind.Object && bias.TryGetProperty("npy", out var npy) && bias.EnumerateObject().Count() == 1)
                return ReadNpy(npy, sub + ".npy", [outChannels]);
            throw Fail(sub, "must be an array of numbers or {\"npy\": \"file.npy\"}");
        }

        private float[] ReadNpy(JsonElement value, string path, int[] shape)
        {
            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                throw Fail(path, "must be a path to a .npy file");
            string file = Path.Combine(baseDirectory, value.GetString()!);
            NpyArray array;
            try
            {
                array = NpyFile.Read(file);
            }
            catch (NpyFormatException e)
            {
                throw Fail(path, e.Message, e);
            }
            if (!SameShape(array.Shape, shape))
                throw Fail(path, $"{value.GetString()} has shape {array.ShapeText}, expected {NpyFile.ShapeRepr(shape)}");
            return array.Data;
        }

        /// <summary>A flat array of the right count, or a nested one whose shape matches (size-1 dimensions optional).</summary>
        private float[] ReadInline(JsonElement array, string path, int[] shape)
        {
            var values = new List<float>();
            var dims = new List<int>();
            Flatten(array, path, 0, dims, values);
            int count = shape.Aggregate(1, (a, b) => a * b);
            bool flat = dims.Count == 1;
            if (flat ? values.Count != count : !SameShape(dims.ToArray(), shape))
                throw Fail(path, $"has shape {NpyFile.ShapeRepr(dims.ToArray())} ({values.Count} values), expected {NpyFile.ShapeRepr(shape)} ({count} values)");
            return values.ToArray();
        }

        /// <summary>
        /// Depth-first flattening in C order; <paramref name="dims"/> records each depth's length and
        /// <paramref name="leaf"/> whether that depth holds numbers, so ragged or mixed nesting is caught.
        /// </summary>
        private void Flatten(JsonElement element, string path, int depth, List<int> dims, List<float> values, List<bool>? leaf = null)
        {
            leaf ??= [];
            int length = element.GetArrayLength();
            if (dims.Count == depth) dims.Add(length);
            else if (dims[depth] != length) throw Fail(path, $"is ragged: {length} items where its siblings have {dims[depth]}");
            int i = 0;
            foreach (var item in element.EnumerateArray())
            {
                string sub = $"{path}[{i++}]";
                bool isNumber = item.ValueKind == JsonValueKind.Number;
                if (!isNumber && item.ValueKind != JsonValueKind.Array)
                    throw Fail(sub, $"must be a number, not {item.ValueKind.ToString().ToLowerInvariant()}");
                if (leaf.Count == depth) leaf.Add(isNumber);
                else if (leaf[depth] != isNumber) throw Fail(sub, "mixes numbers and arrays");
                if (!isNumber)
                {
                    Flatten(item, sub, depth + 1, dims, values, leaf);
                    continue;
                }
                double v = item.GetDouble();
                if (!double.IsFinite(v) || Math.Abs(v) > float.MaxValue) throw Fail(sub, $"{v} is not a finite float32");
                values.Add((float)v);
            }
        }

        /// <summary>Shapes agree when they are equal once every size-1 dimension is removed.</summary>
        private static bool SameShape(int[] actual, int[] expected) =>
            actual.Where(d => d != 1).SequenceEqual(expected.Where(d => d != 1));

        private Activation ReadActivation(JsonElement layer, string path)
        {
            string? text = OptionalString(layer, path, "activation");
            if (text is null) return Activation.None;
            return ActivationMath.TryParse(text, out var activation)
                ? activation
                : throw Fail(path + ".activation", $"unknown activation '{text}' (expected none, relu or relu6)");
        }

        private void RequireObject(JsonElement element, string path, params string[] allowed)
        {
            if (element.ValueKind != JsonValueKind.Object) throw Fail(path, "must be an object");
            foreach (var property in element.EnumerateObject())
                if (!allowed.Contains(property.Name))
                    throw Fail($"{path}.{property.Name}", $"unknown field (expected one of {string.Join(", ", allowed)})");
        }

        private JsonElement Required(JsonElement element, string path, string field) =>
            element.TryGetProperty(field, out var value) ? value : throw Fail(path, $"missing field '{field}'");

        private string RequiredString(JsonElement element, string path, string field) =>
            OptionalString(element, path, field) ?? throw Fail(path, $"missing field '{field}'");

        private string? OptionalString(JsonElement element, string path, string field)
        {
            if (!element.TryGetProperty(field, out var value)) return null;
            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Fail($"{path}.{field}", "must be a string");
        }

        private int RequiredInt(JsonElement element, string path, string field, int min, int max) =>
            OptionalInt(element, path, field, min, max) ?? throw Fail(path, $"missing field '{field}'");

        private int? OptionalInt(JsonElement element, string path, string field, int min, int max)
        {
            if (!element.TryGetProperty(field, out var value)) return null;
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int n))
                throw Fail($"{path}.{field}", $"must be an integer, not {value.GetRawText()}");
            if (n < min || n > max) throw Fail($"{path}.{field}", $"{n} is outside {min}..{max}");
            return n;
        }

        private long RequiredLong(JsonElement element, string path, string field)
        {
            var value = Required(element, path, field);
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n)
                ? n
                : throw Fail($"{path}.{field}", $"must be an integer, not {value.GetRawText()}");
        }

        /// <summary>Runs a constructor and turns its spec errors into file errors at <paramref name="path"/>.</summary>
        private T Wrap<T>(string path, Func<T> build)
        {
            try
            {
                return build();
            }
            catch (LayerSpecException e)
            {
                throw Fail(path, e.Message, e);
            }
            catch (ArgumentException e)
            {
                throw Fail(path, e.Message, e);
            }
        }

        private PipelineFileException Fail(string path, string problem, Exception? inner = null) =>
            new(source, path, problem.ReplaceLineEndings(" "), inner);
    }
}
