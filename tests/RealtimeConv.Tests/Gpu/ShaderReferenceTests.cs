using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Gpu;

/// <summary>
/// Every shader against its managed mirror (ReferenceBackend) on randomised shapes: sizes that are not
/// multiples of the tiles or workgroups, 1×1 and 1×N images, channel counts not multiples of 4,
/// K = 1, 3, 5, 7, stride 2, multiplier 1 and 2, every activation, bias on and off.
/// </summary>
[Collection(GpuCollection.Name)]
public sealed class ShaderReferenceTests(GpuFixture gpu)
{
    private static readonly ReferenceBackend Reference = new();

    // kind, in channels, out channels (or multiplier for depthwise), K, stride, height, width, activation, bias
    public static TheoryData<string, int, int, int, int, int, int, Activation, bool> Cases => new()
    {
        { "depthwise", 8, 1, 3, 1, 17, 23, Activation.None, true },
        { "depthwise", 5, 1, 3, 2, 19, 13, Activation.Relu, false },
        { "depthwise", 13, 2, 5, 1, 11, 9, Activation.Relu6, true },
        { "depthwise", 3, 2, 7, 2, 23, 21, Activation.None, true },
        { "depthwise", 6, 1, 1, 1, 5, 7, Activation.Relu, true },
        { "depthwise", 4, 3, 3, 1, 1, 1, Activation.None, true },
        { "depthwise", 7, 1, 5, 2, 1, 29, Activation.Relu6, false },
        { "depthwise", 2, 4, 7, 1, 33, 1, Activation.Relu, true },
        { "depthwise", 32, 1, 3, 1, 64, 64, Activation.Relu6, true },
        { "pointwise", 8, 8, 1, 1, 17, 23, Activation.None, true },
        { "pointwise", 5, 13, 1, 1, 9, 11, Activation.Relu, false },
        { "pointwise", 13, 3, 1, 2, 15, 10, Activation.Relu6, true },
        { "pointwise", 1, 6, 1, 1, 1, 1, Activation.None, true },
        { "pointwise", 7, 1, 1, 2, 1, 31, Activation.Relu, true },
        { "pointwise", 32, 32, 1, 1, 64, 64, Activation.None, true },
        { "standard", 3, 8, 3, 1, 17, 19, Activation.Relu, true },
        { "standard", 5, 6, 3, 2, 13, 16, Activation.None, false },
        { "standard", 3, 5, 5, 1, 9, 11, Activation.Relu6, true },
        { "standard", 6, 3, 7, 2, 21, 15, Activation.Relu, true },
        { "standard", 4, 9, 1, 1, 7, 5, Activation.None, true },
        { "standard", 2, 3, 3, 1, 1, 1, Activation.Relu, true },
        { "standard", 3, 4, 5, 2, 1, 26, Activation.None, true },
        { "standard", 8, 8, 3, 1, 32, 32, Activation.Relu6, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GpuPassMatchesReference(string kind, int inChannels, int outOrMultiplier, int k, int stride, int height, int width,
        Activation activation, bool hasBias)
    {
        var random = new Random(HashCode.Combine(kind, inChannels, outOrMultiplier, k, stride, height, width));
        var layer = MakeLayer(random, kind, inChannels, outOrMultiplier, k, stride, activation, hasBias);
        var input = GpuAssert.RandomMap(random, inChannels, height, width);

        var expected = Reference.Prepare(layer).Run(input);
        var actual = gpu.Backend.Prepare(layer).Run(input);

        GpuAssert.Close(expected, actual, layer.ToString());
    }

    [Fact]
    public void ZeroKernelsGiveBiasThroughActivation()
    {
        // All-zero weights: every output is act(bias); a shader that read out of bounds or dropped the
        // bias would show it here.
        var layer = ConvLayer.Standard("zeros", 5, 6, 3, 1, new float[6 * 5 * 9], [-1, 0, 1, 2, 7, -3], Activation.Relu6);
        var output = gpu.Backend.Prepare(layer).Run(GpuAssert.RandomMap(new Random(1), 5, 9, 7));
        for (int c = 0; c < 6; c++)
            Assert.All(Enumerable.Range(0, 63), p => Assert.Equal(ActivationMath.Apply(Activation.Relu6, layer.Bias[c]), output[c, p / 7, p % 7]));
    }

    [Theory]
    [InlineData("standard", 3, 8, 3, 2)]
    [InlineData("depthwise", 3, 2, 5, 1)]
    [InlineData("pointwise", 4, 3, 1, 1)]
    public void PlanarMapsInAndOutGiveTheBlockedResultOnTheGpuAndInTheReference(string kind, int inChannels, int outOrMultiplier, int k, int stride)
    {
        var random = new Random(HashCode.Combine(kind, inChannels, k));
        var layer = MakeLayer(random, kind, inChannels, outOrMultiplier, k, stride, Activation.Relu, true);
        var blockedInput = GpuAssert.RandomMap(random, inChannels, 13, 11);
        var planarInput = blockedInput.InLayout(ChannelLayout.Planar);
        int size = layer.OutputSize(13), width = layer.OutputSize(11);

        var gpuBlocked = gpu.Backend.Prepare(layer).Run(blockedInput);
        var gpuPlanar = LayoutTwins.Garbage(layer.OutChannels, size, width, ChannelLayout.Planar);
        gpu.Backend.Prepare(layer).Run(planarInput, gpuPlanar);
        var referenceBlocked = Reference.Prepare(layer).Run(blockedInput);
        var referencePlanar = LayoutTwins.Garbage(layer.OutChannels, size, width, ChannelLayout.Planar);
        Reference.Prepare(layer).Run(planarInput, referencePlanar);

        // The same arithmetic on the same values: equal to the bit, whichever layout carried them.
        Assert.Equal(0f, FeatureMap.MaxAbsDifference(gpuBlocked, gpuPlanar));
        Assert.Equal(0f, FeatureMap.MaxAbsDifference(referenceBlocked, referencePlanar));
        GpuAssert.Close(referencePlanar, gpuPlanar, layer.ToString());
    }

    internal static ConvLayer MakeLayer(Random random, string kind, int inChannels, int outOrMultiplier, int k, int stride, Activation activation, bool hasBias)
    {
        switch (kind)
        {
            case "depthwise":
            {
                int outChannels = inChannels * outOrMultiplier;
                var bias = hasBias ? GpuAssert.RandomWeights(random, outChannels, 1) : null;
                return ConvLayer.Depthwise("dw", inChannels, outOrMultiplier, k, stride,
                    GpuAssert.RandomWeights(random, outChannels * k * k, 1.0 / k), bias, activation);
            }
            case "pointwise":
            {
                var bias = hasBias ? GpuAssert.RandomWeights(random, outOrMultiplier, 1) : null;
                return ConvLayer.Pointwise("pw", inChannels, outOrMultiplier, stride,
                    GpuAssert.RandomWeights(random, outOrMultiplier * inChannels, 1.0 / Math.Sqrt(inChannels)), bias, activation);
            }
            default:
            {
                var bias = hasBias ? GpuAssert.RandomWeights(random, outOrMultiplier, 1) : null;
                return ConvLayer.Standard("std", inChannels, outOrMultiplier, k, stride,
                    GpuAssert.RandomWeights(random, outOrMultiplier * inChannels * k * k, 1.0 / (k * Math.Sqrt(inChannels))), bias, activation);
            }
        }
    }
}
