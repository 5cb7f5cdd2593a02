using System.Globalization;
using RealtimeConv.Layers;

namespace RealtimeConv.Pipelines;

/// <summary>
/// The built-in pipelines, built in code and rebuildable at any odd kernel size:
/// <list type="bullet">
/// <item><c>edges</c> (RGB): per channel blur, Sobel x, Sobel y and Laplacian (depthwise, multiplier 4), mixed by
/// the pointwise pass into 8 maps: luminance blur, luminance edges x / y, luminance Laplacian, red–green
/// opponent edges x / y, blue–yellow opponent edges x / y. Linear throughout, so it composes exactly.
/// Options: <c>k</c>.</item>
/// <item><c>mobilenet</c> (RGB): a MobileNet-v1-like stem, 3→32 standard K×K stride 2 ReLU6, then
/// separable blocks 32→64 s1, 64→128 s2, 128→128 s1, 128→256 s2 with ReLU6 after both passes. He-random
/// weights from a fixed seed; batch norm is folded away into a plain bias, zero for fresh statistics.
/// Options: <c>k</c>, <c>seed</c>.</item>
/// <item><c>random</c>: one block M→N with He-random weights and no bias or activation, for measuring the
/// cost model. Options: <c>m</c>, <c>n</c>, <c>k</c>, <c>s</c> (stride), <c>d</c> (multiplier),
/// <c>seed</c>, <c>type</c> (<c>separable</c> or <c>standard</c>); e.g. <c>random:m=32,n=32,k=3,seed=1</c>.</item>
/// </list>
/// A spec is the name, optionally followed by <c>:key=value,key=value</c>.
/// </summary>
public static class PresetCatalog
{
    /// <summary>The preset names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["edges", "mobilenet", "random"];

    /// <summary>Default kernel side of every preset.</summary>
    public const int DefaultKernel = 3;

    // Rec. 601 luma weights: the luminance channel the eye is most sensitive to edges in.
    private const float LumaR = 0.299f, LumaG = 0.587f, LumaB = 0.114f;

    /// <summary>Whether <paramref name="spec"/> names a preset (options not checked).</summary>
    public static bool IsPreset(string spec) => Names.Contains(SplitSpec(spec).Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Builds the preset <paramref name="spec"/>; <paramref name="kernelSize"/>, when given, overrides the
    /// spec's <c>k</c> (the viewer cycles K = 3, 5, 7 this way).
    /// </summary>
    /// <exception cref="PipelineFileException">Unknown preset, unknown option or a bad value.</exception>
    public static Pipeline Build(string spec, int? kernelSize = null)
    {
        var (name, options) = SplitSpec(spec);
        var reader = new OptionReader(spec, options);
        try
        {
            // Read k even when overridden, so that it counts as a known option.
            int k = reader.Int("k", DefaultKernel);
            k = kernelSize ?? k;
            var pipeline = name.ToLowerInvariant() switch
            {
                "edges" => Edges(k),
                "mobilenet" => MobileNet(k, reader.Int("seed", 1)),
                "random" => Random(reader, k),
                _ => throw new PipelineFileException(spec, null, $"unknown preset '{name}' (known: {string.Join(", ", Names)})"),
            };
            reader.RejectUnused(name);
            return pipeline;
        }
        catch (Exception e) when (e is LayerSpecException or ArgumentException)
        {
            throw new PipelineFileException(spec, null, e.Message, e);
        }
    }

    private static Pipeline Edges(int k)
    {
        string[] filters = ["blur", "sobel_x", "sobel_y", "laplacian"];
        const int m = 3, d = 4, n = 8;
        int taps = k * k;
        var dw = new float[m * d * taps];
        for (int c = 0; c < m * d; c++) FilterPresets.Build(filters[c % d], k).CopyTo(dw, c * taps);

        // Pointwise row n mixes depthwise channel c = colour·4 + filter; a row is a colour combination
        // applied to one filter's responses.
        float[] luma = [LumaR, LumaG, LumaB];
        float[] redGreen = [1, -1, 0];
        float[] blueYellow = [-0.5f, -0.5f, 1];
        (float[] Colour, int Filter)[] rows =
        [
            (luma, 0), (luma, 1), (luma, 2), (luma, 3),
            (redGreen, 1), (redGreen, 2), (blueYellow, 1), (blueYellow, 2),
        ];
        var pw = new float[n * m * d];
        for (int row = 0; row < n; row++)
            for (int colour = 0; colour < m; colour++)
                pw[row * m * d + colour * d + rows[row].Filter] = rows[row].Colour[colour];

        var depthwise = ConvLayer.Depthwise("edges.dw", m, d, k, 1, dw);
        var pointwise = ConvLayer.Pointwise("edges.pw", m * d, n, 1, pw);
        return new Pipeline($"edges k{k}", m, [new SeparableBlock("edges", depthwise, pointwise)]);
    }

    private static Pipeline MobileNet(int k, int seed)
    {
        ulong layerSeed = (ulong)seed * 1000;
        var blocks = new List<PipelineBlock>();
        var stem = ConvLayer.Standard("stem", 3, 32, k, 2, SeededNormal.He(layerSeed++, 32 * 3 * k * k, 3 * k * k),
            new float[32], Activation.Relu6);
        blocks.Add(new StandardBlock("stem", stem));
        (int In, int Out, int Stride)[] separable = [(32, 64, 1), (64, 128, 2), (128, 128, 1), (128, 256, 2)];
        for (int i = 0; i < separable.Length; i++)
        {
            var (cin, cout, stride) = separable[i];
            string name = $"sep{i + 1}";
            var dw = ConvLayer.Depthwise(name + ".dw", cin, 1, k, stride, SeededNormal.He(layerSeed++, cin * k * k, k * k),
                new float[cin], Activation.Relu6);
            var pw = ConvLayer.Pointwise(name + ".pw", cin, cout, 1, SeededNormal.He(layerSeed++, cout * cin, cin),
                new float[cout], Activation.Relu6);
            blocks.Add(new SeparableBlock(name, dw, pw));
        }
        return new Pipeline($"mobilenet k{k}", 3, blocks);
    }

    private static Pipeline Random(OptionReader options, int k)
    {
        int m = options.Int("m", 32), n = options.Int("n", 32);
        int s = options.Int("s", 1), d = options.Int("d", 1), seed = options.Int("seed", 1);
        string type = options.Text("type", "separable");
        ulong baseSeed = (ulong)seed * 1000;
        string name = $"random m{m} n{n} k{k} s{s}" + (d == 1 ? "" : $" d{d}");
        PipelineBlock block = type switch
        {
            "separable" => new SeparableBlock("random",
                ConvLayer.Depthwise("random.dw", m, d, k, s, SeededNormal.He(baseSeed, m * d * k * k, k * k)),
                ConvLayer.Pointwise("random.pw", m * d, n, 1, SeededNormal.He(baseSeed + 1, n * m * d, m * d))),
            "standard" => new StandardBlock("random",
                ConvLayer.Standard("random", m, n, k, s, SeededNormal.He(baseSeed, n * m * k * k, m * k * k)), d),
            _ => throw new ArgumentException($"type '{type}' is not 'separable' or 'standard'"),
        };
        return new Pipeline(name, m, [block]);
    }

    private static (string Name, string Options) SplitSpec(string spec)
    {
        int colon = spec.IndexOf(':');
        return colon < 0 ? (spec.Trim(), "") : (spec[..colon].Trim(), spec[(colon + 1)..]);
    }

    /// <summary>Reads <c>key=value</c> options and remembers which were used, so leftovers are reported.</summary>
    private sealed class OptionReader
    {
        private readonly string _spec;
        private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        public OptionReader(string spec, string options)
        {
            _spec = spec;
            foreach (var part in options.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0) throw new PipelineFileException(spec, null, $"option '{part}' is not key=value");
                _values[part[..eq].Trim()] = part[(eq + 1)..].Trim();
            }
        }

        public int Int(string key, int fallback)
        {
            _used.Add(key);
            if (!_values.TryGetValue(key, out var text)) return fallback;
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
                ? value
                : throw new PipelineFileException(_spec, null, $"option '{key}' must be an integer, not '{text}'");
        }

        public string Text(string key, string fallback)
        {
            _used.Add(key);
            return _values.TryGetValue(key, out var text) ? text.ToLowerInvariant() : fallback;
        }

        public void RejectUnused(string preset)
        {
            var unknown = _values.Keys.FirstOrDefault(key => !_used.Contains(key));
            if (unknown is not null)
                throw new PipelineFileException(_spec, null, $"unknown option '{unknown}' for preset '{preset}' (known: {string.Join(", ", _used)})");
        }
    }
}
