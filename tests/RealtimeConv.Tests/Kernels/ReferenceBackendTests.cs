using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Kernels;

/// <summary>The oracle itself, on cases small enough to work out by hand.</summary>
public sealed class ReferenceBackendTests
{
    private static readonly ReferenceBackend Reference = new();

    [Fact]
    public void ThreeByThreeSumWithZeroPaddingAtTheCorners()
    {
        // All-ones 3×3 kernel over all-ones 3×3 image: each output counts its in-bounds neighbours.
        var input = FeatureMap.FromPlanar(Enumerable.Repeat(1f, 9).ToArray(), 1, 3, 3);
        var layer = ConvLayer.Standard("ones", 1, 1, 3, 1, Enumerable.Repeat(1f, 9).ToArray());
        var output = Reference.Prepare(layer).Run(input);
        Assert.Equal(new float[] { 4, 6, 4, 6, 9, 6, 4, 6, 4 }, output.ToPlanar());
    }

    [Fact]
    public void DepthwiseMultiplierReadsInputChannelOverD()
    {
        // 2 channels, d = 2: outputs 0,1 read channel 0 (values 1), outputs 2,3 read channel 1 (values 10).
        var input = FeatureMap.FromPlanar(new float[] { 1, 10 }, 2, 1, 1);
        var weights = new float[] { 1, 2, 3, 4 }; // 1×1 kernels, one per output channel
        var layer = ConvLayer.Depthwise("dw", 2, 2, 1, 1, weights, bias: [0.5f, 0, 0, 0], Activation.None);
        Assert.Equal(new float[] { 1.5f, 2, 30, 40 }, Reference.Prepare(layer).Run(input).ToPlanar());
    }

    [Fact]
    public void StrideTwoTakesEveryOtherPixelAndReluClamps()
    {
        // Identity 3×3 kernel (centre tap) with stride 2 on a 1×5 row: picks x = 0, 2, 4, then ReLU.
        var input = FeatureMap.FromPlanar(new float[] { -1, 2, 3, 4, -5 }, 1, 1, 5);
        var centre = new float[9];
        centre[4] = 1;
        var layer = ConvLayer.Standard("pick", 1, 1, 3, 2, centre, activation: Activation.Relu);
        var output = Reference.Prepare(layer).Run(input);
        Assert.Equal((1, 3), (output.Height, output.Width));
        Assert.Equal(new float[] { 0, 3, 0 }, output.ToPlanar());
    }

    [Fact]
    public void PointwiseMixesChannelsPerPixelAndRelu6Caps()
    {
        var input = FeatureMap.FromPlanar(new float[] { 1, 2, 3, 4 }, 2, 1, 2); // c0 = [1,2], c1 = [3,4]
        var layer = ConvLayer.Pointwise("mix", 2, 1, 1, new float[] { 1, 1 }, activation: Activation.Relu6);
        Assert.Equal(new float[] { 4, 6 }, Reference.Prepare(layer).Run(input).ToPlanar());
    }

    [Fact]
    public void InvalidSpecsNameTheLayerAndTheField()
    {
        var even = Assert.Throws<LayerSpecException>(() => ConvLayer.Standard("stem", 3, 8, 4, 1, new float[8 * 3 * 16]));
        Assert.Contains("'stem'", even.Message);
        Assert.Equal("kernel", even.Field);

        var shape = Assert.Throws<LayerSpecException>(() => ConvLayer.Pointwise("pw", 4, 4, 1, new float[15]));
        Assert.Equal("weights", shape.Field);
        Assert.Contains("expected 16", shape.Message);

        var nan = Assert.Throws<LayerSpecException>(() => ConvLayer.Depthwise("dw", 1, 1, 1, 1, new[] { float.NaN }));
        Assert.Contains("finite", nan.Message);

        Assert.Equal("in_channels", Assert.Throws<LayerSpecException>(() => ConvLayer.Pointwise("z", 0, 4, 1, [])).Field);
        Assert.Equal("kernel", Assert.Throws<LayerSpecException>(() => ConvLayer.Standard("big", 1, 1, 17, 1, new float[289])).Field);
        Assert.Equal("stride", Assert.Throws<LayerSpecException>(() => ConvLayer.Standard("s3", 1, 1, 3, 3, new float[9])).Field);
    }

    [Fact]
    public void FeatureMapRoundTripsPlanarDataAndKeepsPaddingZero()
    {
        var values = Enumerable.Range(0, 11 * 3 * 5).Select(i => (float)i).ToArray();
        var map = FeatureMap.FromPlanar(values, 11, 3, 5);
        Assert.Equal(values, map.ToPlanar());
        Assert.Equal(2, map.Blocks);
        Assert.Equal(0f, map.Span[map.BlockStride + 3 * 8 + 7 - 4]); // channel 11+ of block 1 is padding
        Assert.NotEqual(0, map.BlockStride % 1024);
    }
}
