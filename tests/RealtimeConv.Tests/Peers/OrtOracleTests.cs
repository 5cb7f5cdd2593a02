using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Peers;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Peers;

/// <summary>
/// Our reference kernels against ONNX Runtime's Conv, an implementation no one here wrote: if both
/// agree on randomised shapes, the oracle every fast kernel and shader is tested against is right.
/// </summary>
public sealed class OrtOracleTests : IDisposable
{
    /// <summary>
    /// Allowed |ort − ref| ≤ RelativeTolerance · (1 + |ref|). ORT accumulates in float, the reference in
    /// double; with unit-scale weights and at most a few hundred terms per output the float rounding
    /// stays near 1e-6 relative, so 1e-4 catches any indexing error while never flaking on rounding.
    /// </summary>
    private const float RelativeTolerance = 1e-4f;

    private static readonly ReferenceBackend Reference = new();
    private readonly OrtConvBackend _ort = new(new OrtConvOptions(IntraOpThreads: 1));

    public void Dispose() => _ort.Dispose();

    /// <summary>One randomised case; the text names it in the test report.</summary>
    public sealed record Case(string Text, ConvKind Kind, int In, int OutOrMultiplier, int Kernel, int Stride,
        int Height, int Width, bool Bias, Activation Activation, int Seed)
    {
        public override string ToString() => Text;
    }

    public static TheoryData<Case> Cases()
    {
        var data = new TheoryData<Case>();
        void Add(ConvKind kind, int m, int nOrD, int k, int s, int h, int w, bool bias, Activation act, int seed) =>
            data.Add(new Case($"{kind} {k}x{k} M{m} {(kind == ConvKind.Depthwise ? "d" : "N")}{nOrD} s{s} {h}x{w}" +
                $"{(bias ? " +b" : "")} {act.Name()} #{seed}", kind, m, nOrD, k, s, h, w, bias, act, seed));

        // Hand-picked corners: 1×1 and 1×N images (all padding), odd sizes, channels not multiples of 8.
        Add(ConvKind.Standard, 3, 5, 3, 1, 1, 1, true, Activation.None, 1);
        Add(ConvKind.Standard, 9, 13, 7, 2, 1, 11, false, Activation.Relu, 2);
        Add(ConvKind.Depthwise, 13, 1, 5, 1, 11, 1, true, Activation.Relu6, 3);
        Add(ConvKind.Depthwise, 7, 2, 7, 2, 9, 5, true, Activation.None, 4);
        Add(ConvKind.Pointwise, 17, 3, 1, 2, 7, 9, true, Activation.Relu6, 5);
        Add(ConvKind.Pointwise, 1, 9, 1, 1, 1, 1, false, Activation.None, 6);

        // Randomised: every kind × K × stride, with random sides 1..17, channels 1..20, bias and activation.
        var random = new Random(20260515);
        int seed = 100;
        foreach (var kind in new[] { ConvKind.Standard, ConvKind.Depthwise, ConvKind.Pointwise })
            foreach (int k in kind == ConvKind.Pointwise ? new[] { 1, 1, 1, 1 } : new[] { 1, 3, 5, 7 })
                foreach (int s in new[] { 1, 2 })
                {
                    int m = random.Next(1, 21);
                    int nOrD = kind == ConvKind.Depthwise ? random.Next(1, 3) : random.Next(1, 21);
                    Add(kind, m, nOrD, k, s, random.Next(1, 18), random.Next(1, 18), random.Next(2) == 0,
                        (Activation)random.Next(3), seed++);
                }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReferenceAgreesWithOnnxRuntimeConv(Case c)
    {
        var random = new Random(c.Seed);
        var layer = MakeLayer(c, random);
        var input = RandomMap(layer.InChannels, c.Height, c.Width, random);

        var expected = Reference.Prepare(layer).Run(input);
        var actual = Garbage(expected);
        _ort.Prepare(layer).Run(input, actual);

        AssertClose(expected, actual, c.Text);
        AssertPaddingIsZero(actual);
    }

    [Theory]
    [InlineData(ChannelLayout.Planar, ChannelLayout.Planar)]
    [InlineData(ChannelLayout.Planar, ChannelLayout.Blocked)]
    [InlineData(ChannelLayout.Blocked, ChannelLayout.Planar)]
    public void EitherLayoutInOrOutGivesTheBlockedResult(ChannelLayout inLayout, ChannelLayout outLayout)
    {
        var random = new Random(31);
        var layer = ConvLayer.Standard("stem", 3, 5, 3, 2, RandomValues(5 * 3 * 9, random, 27), RandomValues(5, random, 1), Activation.Relu);
        var blockedInput = RandomMap(3, 9, 14, random);
        var expected = LayoutTwins.Garbage(5, layer.OutputSize(9), layer.OutputSize(14), ChannelLayout.Blocked);
        var pass = _ort.Prepare(layer);
        pass.Run(blockedInput, expected);

        var actual = LayoutTwins.Garbage(expected.Channels, expected.Height, expected.Width, outLayout);
        pass.Run(blockedInput.InLayout(inLayout), actual);

        // ORT sees the same NCHW buffer either way, so the answers are equal to the bit.
        Assert.Equal(0f, FeatureMap.MaxAbsDifference(expected, actual));
        AssertPaddingIsZero(actual);
    }

    [Theory]
    [InlineData(5, 7, 3, 1, 9, 11)]
    [InlineData(16, 24, 5, 2, 13, 8)]
    [InlineData(3, 16, 7, 1, 1, 6)]
    public void SeparableChainIsDepthwiseThenPointwiseInOneSession(int m, int n, int k, int stride, int h, int w)
    {
        var random = new Random(m * 1000 + n);
        var depthwise = ConvLayer.Depthwise("dw", m, 1, k, stride, RandomValues(m * k * k, random, k * k), RandomValues(m, random, 1), Activation.Relu6);
        var pointwise = ConvLayer.Pointwise("pw", m, n, 1, RandomValues(n * m, random, m), RandomValues(n, random, 1), Activation.Relu);
        var input = RandomMap(m, h, w, random);
        var expected = Reference.Prepare(pointwise).Run(Reference.Prepare(depthwise).Run(input));

        var chain = _ort.PrepareChain([depthwise, pointwise], "separable");
        using var binding = chain.Bind(h, w);
        binding.Load(input);
        binding.Run();
        var actual = Garbage(expected);
        binding.Store(actual);

        AssertClose(expected, actual, $"separable {k}x{k} {m}->{n} s{stride} {h}x{w}");
    }

    [Fact]
    public void PreBoundBuffersGiveTheSameResultAsThePassAndSurviveAResize()
    {
        var random = new Random(7);
        var layer = ConvLayer.Standard("std", 4, 6, 3, 1, RandomValues(6 * 4 * 9, random, 36), RandomValues(6, random, 1));
        var pass = _ort.PrepareLayer(layer);
        foreach (var (h, w) in new[] { (5, 7), (8, 3), (5, 7) })
        {
            var input = RandomMap(4, h, w, random);
            var viaPass = pass.Run(input);
            var binding = pass.BindingFor(h, w);
            input.ToPlanar().CopyTo(binding.Input);
            binding.Run();
            Assert.Equal(viaPass.ToPlanar(), binding.Output.ToArray());
            AssertClose(Reference.Prepare(layer).Run(input), viaPass, $"std {h}x{w}");
        }
    }

    [Fact]
    public void ModelIsConvThenActivationWithTheLayersAttributes()
    {
        var layer = ConvLayer.Depthwise("dw", 6, 2, 5, 2, new float[12 * 25], new float[12], Activation.Relu6);
        var model = OnnxConvModel.Build([layer], "g");
        Assert.Equal(OnnxConvModel.Opset, model.OpsetImport.Single().Version);
        var nodes = model.Graph.Node;
        Assert.Equal(["Conv", "Clip"], nodes.Select(node => node.OpType));
        var conv = nodes[0];
        Assert.Equal(6, conv.Attribute.Single(a => a.Name == "group").I);
        Assert.Equal([2L, 2, 2, 2], conv.Attribute.Single(a => a.Name == "pads").Ints);
        Assert.Equal([2L, 2], conv.Attribute.Single(a => a.Name == "strides").Ints);
        Assert.Equal([12L, 1, 5, 5], model.Graph.Initializer.Single(t => t.Name == conv.Input[1]).Dims);
        Assert.Equal(OnnxConvModel.OutputName, nodes[1].Output.Single());
    }

    [Fact]
    public void ChainWhoseChannelsDoNotMeetIsRejectedWithBothLayerNames()
    {
        var a = ConvLayer.Pointwise("first", 3, 4, 1, new float[12]);
        var b = ConvLayer.Pointwise("second", 5, 2, 1, new float[10]);
        var error = Assert.Throws<ArgumentException>(() => _ort.PrepareChain([a, b], "broken"));
        Assert.Contains("'second'", error.Message);
        Assert.Contains("'first'", error.Message);
    }

    private static ConvLayer MakeLayer(Case c, Random random)
    {
        int k = c.Kernel;
        return c.Kind switch
        {
            ConvKind.Standard => ConvLayer.Standard("std", c.In, c.OutOrMultiplier, k, c.Stride,
                RandomValues(c.OutOrMultiplier * c.In * k * k, random, c.In * k * k), Bias(c, c.OutOrMultiplier, random), c.Activation),
            ConvKind.Depthwise => ConvLayer.Depthwise("dw", c.In, c.OutOrMultiplier, k, c.Stride,
                RandomValues(c.In * c.OutOrMultiplier * k * k, random, k * k), Bias(c, c.In * c.OutOrMultiplier, random), c.Activation),
            _ => ConvLayer.Pointwise("pw", c.In, c.OutOrMultiplier, c.Stride,
                RandomValues(c.OutOrMultiplier * c.In, random, c.In), Bias(c, c.OutOrMultiplier, random), c.Activation),
        };
    }

    private static float[]? Bias(Case c, int count, Random random) => c.Bias ? RandomValues(count, random, 1) : null;

    /// <summary>Uniform in ±sqrt(3 / fanIn)·2, so outputs are of order one and activations clip some of them.</summary>
    private static float[] RandomValues(int count, Random random, int fanIn)
    {
        float scale = 2f * MathF.Sqrt(3f / fanIn);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (random.NextSingle() * 2f - 1f) * scale;
        return values;
    }

    private static FeatureMap RandomMap(int channels, int height, int width, Random random) =>
        FeatureMap.FromPlanar(RandomValues(channels * height * width, random, 3), channels, height, width);

    /// <summary>An output map of the same shape full of NaN, so any value the pass forgets to write shows.</summary>
    private static FeatureMap Garbage(FeatureMap like)
    {
        var map = new FeatureMap(like.Channels, like.Height, like.Width);
        map.Span.Fill(float.NaN);
        return map;
    }

    private static void AssertClose(FeatureMap expected, FeatureMap actual, string what)
    {
        Assert.Equal(expected.ShapeText, actual.ShapeText);
        float worst = 0;
        string where = "";
        for (int c = 0; c < expected.Channels; c++)
            for (int y = 0; y < expected.Height; y++)
                for (int x = 0; x < expected.Width; x++)
                {
                    float e = expected[c, y, x], a = actual[c, y, x];
                    float excess = MathF.Abs(a - e) / (1f + MathF.Abs(e));
                    if (!(excess <= worst)) { worst = float.IsNaN(excess) ? float.PositiveInfinity : excess; where = $"c{c} y{y} x{x}: ort {a}, ref {e}"; }
                }
        Assert.True(worst <= RelativeTolerance, $"{what}: relative error {worst:G3} > {RelativeTolerance:G3} at {where}");
    }

    /// <summary>Every float that holds no value (channels past C in the last block, a block's stride tail) is 0, in either layout.</summary>
    private static void AssertPaddingIsZero(FeatureMap map)
    {
        int plane = map.Height * map.Width, lanes = map.Lanes;
        for (int b = 0; b < map.Blocks; b++)
        {
            var block = map.Block(b);
            for (int i = 0; i < block.Length; i++)
            {
                bool padding = i >= plane * lanes || b * lanes + i % lanes >= map.Channels;
                if (padding) Assert.True(block[i] == 0f, $"padding float {i} of block {b} is {block[i]}, not 0");
            }
        }
    }
}
