using RealtimeConv.Gpu.Passes;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;

namespace RealtimeConv.Tests.Gpu;

/// <summary>
/// Every shader variant of every pass, forced one at a time, against ReferenceBackend: sizes that are
/// not multiples of any tile, 1×N images, channel counts not multiples of 4, stride 2, multiplier 2,
/// K = 1, 3, 5, every activation, bias on and off.
/// </summary>
[Collection(GpuCollection.Name)]
public sealed class ShaderVariantTests(GpuFixture gpu)
{
    private static readonly ReferenceBackend Reference = new();

    // kind, in channels, out channels (or multiplier for depthwise), K, stride, height, width, activation, bias
    private static readonly (string Kind, int In, int OutOrD, int K, int Stride, int H, int W, Activation Act, bool Bias)[] Shapes =
    [
        ("depthwise", 5, 1, 3, 1, 17, 23, Activation.None, true),
        ("depthwise", 6, 2, 5, 2, 13, 11, Activation.Relu6, false),
        ("depthwise", 3, 1, 3, 2, 1, 9, Activation.Relu, true),
        ("pointwise", 5, 13, 1, 1, 9, 11, Activation.Relu, false),
        ("pointwise", 13, 3, 1, 2, 15, 10, Activation.Relu6, true),
        ("pointwise", 8, 17, 1, 1, 1, 7, Activation.None, true),
        ("standard", 3, 5, 3, 1, 9, 11, Activation.Relu, true),
        ("standard", 5, 6, 3, 2, 13, 10, Activation.None, false),
        ("standard", 3, 9, 5, 1, 1, 7, Activation.Relu6, true),
    ];

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        for (int i = 0; i < Shapes.Length; i++)
            foreach (var variant in ShaderVariants.For(Kind(Shapes[i].Kind)))
                data.Add(Shapes[i].Kind, variant.Name, i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryVariantMatchesTheReference(string kind, string variantName, int shapeIndex)
    {
        var shape = Shapes[shapeIndex];
        var random = new Random(HashCode.Combine(kind, shapeIndex));
        var layer = ShaderReferenceTests.MakeLayer(random, kind, shape.In, shape.OutOrD, shape.K, shape.Stride, shape.Act, shape.Bias);
        var input = GpuAssert.RandomMap(random, shape.In, shape.H, shape.W);
        var variant = ShaderVariants.Find(Kind(kind), variantName);

        var expected = Reference.Prepare(layer).Run(input);
        using var pass = Wrap(device => layer.Kind switch
        {
            ConvKind.Depthwise => new DepthwisePass(device, gpu.Backend.Shaders, layer, variant),
            ConvKind.Pointwise => new PointwisePass(device, gpu.Backend.Shaders, layer, variant),
            _ => (IGpuPass)new StandardPass(device, gpu.Backend.Shaders, layer, variant),
        });
        GpuAssert.Close(expected, pass.Run(input), $"{layer} variant {variantName}");
    }

    [Fact]
    public void EachKindHasTwoOrThreeDistinctVariantsAndTheFirstIsTheDefault()
    {
        foreach (var kind in Enum.GetValues<GpuPassKind>())
        {
            var variants = ShaderVariants.For(kind);
            Assert.InRange(variants.Count, 2, 3);
            Assert.Equal(variants.Count, variants.Select(v => v.Name).Distinct().Count());
            Assert.Equal(variants.Count, variants.Select(v => (v.PixelsX, v.PixelsY, v.SliceBlock)).Distinct().Count());
            Assert.Same(variants[0], ShaderVariants.Default(kind));
        }
    }

    internal GpuConvPass Wrap(Func<RealtimeConv.Gpu.Context.GpuDevice, IGpuPass> create) =>
        gpu.Gl(() => new GpuConvPass(gpu.Backend.Thread, gpu.Backend.Device, create(gpu.Backend.Device)));

    private static GpuPassKind Kind(string kind) => Enum.Parse<GpuPassKind>(kind, ignoreCase: true);
}
