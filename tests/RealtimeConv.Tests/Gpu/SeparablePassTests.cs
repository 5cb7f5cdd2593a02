using RealtimeConv.Gpu.Passes;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Gpu;

/// <summary>
/// The fused depthwise + pointwise shader, every variant, against the reference pair and against the
/// unfused GPU passes; and which pairs it accepts.
/// </summary>
[Collection(GpuCollection.Name)]
public sealed class SeparablePassTests(GpuFixture gpu)
{
    private static readonly ReferenceBackend Reference = new();

    // in channels, multiplier, out channels, K, stride, height, width, depthwise activation, pointwise activation, biases
    private static readonly (int M, int D, int N, int K, int Stride, int H, int W, Activation DwAct, Activation PwAct, bool Bias)[] Pairs =
    [
        (8, 1, 12, 3, 1, 17, 23, Activation.Relu6, Activation.None, true),
        (5, 2, 7, 3, 2, 13, 11, Activation.None, Activation.Relu, false),
        (3, 4, 16, 5, 1, 9, 10, Activation.Relu, Activation.Relu6, true),
        (6, 1, 5, 1, 1, 1, 13, Activation.Relu, Activation.None, true),
        (32, 1, 32, 3, 1, 12, 12, Activation.Relu, Activation.Relu, true),
    ];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        for (int i = 0; i < Pairs.Length; i++)
            foreach (var variant in ShaderVariants.For(GpuPassKind.Separable))
                data.Add(variant.Name, i);
        return data;
    }

    internal static (ConvLayer Depthwise, ConvLayer Pointwise) MakePair(Random random, int m, int d, int n, int k, int stride, Activation dwAct, Activation pwAct, bool bias) =>
        (ShaderReferenceTests.MakeLayer(random, "depthwise", m, d, k, stride, dwAct, bias),
         ShaderReferenceTests.MakeLayer(random, "pointwise", m * d, n, 1, 1, pwAct, bias));

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedMatchesTheReferencePairAndTheUnfusedPasses(string variantName, int pairIndex)
    {
        var p = Pairs[pairIndex];
        var random = new Random(HashCode.Combine(pairIndex, 17));
        var (dw, pw) = MakePair(random, p.M, p.D, p.N, p.K, p.Stride, p.DwAct, p.PwAct, p.Bias);
        var input = GpuAssert.RandomMap(random, p.M, p.H, p.W);
        var variant = ShaderVariants.Find(GpuPassKind.Separable, variantName);

        var expected = Reference.Prepare(pw).Run(Reference.Prepare(dw).Run(input));
        var unfused = gpu.Backend.Prepare(pw).Run(gpu.Backend.Prepare(dw).Run(input));
        using var fused = new ShaderVariantTests(gpu).Wrap(device => new SeparablePass(device, gpu.Backend.Shaders, dw, pw, variant));
        var actual = fused.Run(input);

        string what = $"{dw} + {pw} variant {variantName}";
        GpuAssert.Close(expected, actual, what);
        GpuAssert.Close(unfused, actual, what + " vs unfused");
    }

    [Fact]
    public void BackendFusesThinPairsAndDeclinesTheRest()
    {
        var random = new Random(5);
        var (dw, pw) = MakePair(random, 8, 1, 8, 3, 1, Activation.Relu, Activation.None, true);
        var pass = Assert.IsType<GpuSeparablePass>(gpu.Backend.PrepareSeparable(dw, pw));
        Assert.Equal((8, 8, 1), (pass.Layer.InChannels, pass.Layer.OutChannels, pass.Layer.Stride));
        Assert.Same(dw, pass.Depthwise);
        Assert.Same(pw, pass.Pointwise);
        var input = GpuAssert.RandomMap(random, 8, 7, 9);
        var output = new FeatureMap(8, 7, 9);
        pass.Run(input, output);
        GpuAssert.Close(Reference.Prepare(pw).Run(Reference.Prepare(dw).Run(input)), output, "backend fused pair");

        var (wideDw, widePw) = MakePair(random, 40, 1, 8, 3, 1, Activation.None, Activation.None, false);
        Assert.Null(gpu.Backend.PrepareSeparable(wideDw, widePw));
        var (thinDw, wideOut) = MakePair(random, 8, 1, 33, 3, 1, Activation.None, Activation.None, false);
        Assert.Null(gpu.Backend.PrepareSeparable(thinDw, wideOut));
        var stridedPw = ShaderReferenceTests.MakeLayer(random, "pointwise", 8, 8, 1, 2, Activation.None, false);
        Assert.Null(gpu.Backend.PrepareSeparable(dw, stridedPw));
        Assert.Null(gpu.Backend.PrepareSeparable(pw, dw));
        var mismatched = ShaderReferenceTests.MakeLayer(random, "pointwise", 4, 8, 1, 1, Activation.None, false);
        Assert.Null(gpu.Backend.PrepareSeparable(dw, mismatched));
    }

    [Fact]
    public void StridedDepthwiseFusedOutputHasTheStridedShape()
    {
        var random = new Random(9);
        var (dw, pw) = MakePair(random, 4, 1, 6, 3, 2, Activation.None, Activation.Relu, true);
        var pass = gpu.Backend.PrepareSeparable(dw, pw)!;
        var output = new FeatureMap(6, 5, 4);
        pass.Run(GpuAssert.RandomMap(random, 4, 9, 7), output); // ceil(9 / 2) × ceil(7 / 2)
        Assert.Throws<ArgumentException>(() => pass.Run(GpuAssert.RandomMap(random, 4, 9, 7), new FeatureMap(6, 9, 7)));
    }
}
