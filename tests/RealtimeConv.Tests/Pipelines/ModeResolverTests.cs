using RealtimeConv.Algebra;
using RealtimeConv.Layers;
using RealtimeConv.Pipelines;
using RealtimeConv.Tests.Algebra;

namespace RealtimeConv.Tests.Pipelines;

/// <summary>The one factory that decides how each block runs in each mode.</summary>
public sealed class ModeResolverTests
{
    private static SeparableBlock Separable(Activation between, int m = 3, int n = 5, int k = 3, int d = 1) => new("sep",
        ConvLayer.Depthwise("sep.dw", m, d, k, 1, RandomTensors.Uniform(m * d * k * k, 1), activation: between),
        ConvLayer.Pointwise("sep.pw", m * d, n, 1, RandomTensors.Uniform(n * m * d, 2), activation: Activation.Relu));

    private static StandardBlock Standard(int m, int n, int k, int? fit = null, int seed = 3) =>
        new("std", ConvLayer.Standard("std", m, n, k, 1, RandomTensors.Uniform(n * m * k * k, seed)), fit);

    [Fact]
    public void LinearSeparableBlockComposesExactlyInStandardMode()
    {
        var block = Separable(Activation.None);
        var resolved = ModeResolver.Resolve(block, ConvMode.Standard);
        Assert.Equal(BlockResolution.ComposedExactly, resolved.Resolution);
        var layer = Assert.Single(resolved.Layers);
        Assert.Equal((ConvKind.Standard, 3, 5, Activation.Relu), (layer.Kind, layer.InChannels, layer.OutChannels, layer.Activation));
        Assert.Equal("composed exactly", resolved.Note);
    }

    [Fact]
    public void ActivationBetweenThePassesIsDroppedAndSaidSo()
    {
        var resolved = ModeResolver.Resolve(Separable(Activation.Relu6), ConvMode.Standard);
        Assert.Equal(BlockResolution.ComposedDroppingActivation, resolved.Resolution);
        Assert.Contains("relu6", resolved.Note);
        Assert.Contains("dropped", resolved.Note);
        // Same weights as composing the linear parts by hand.
        var block = Separable(Activation.Relu6);
        var byHand = SeparableAlgebra.Compose(block.Depthwise.WithActivation(Activation.None), block.Pointwise);
        Assert.Equal(byHand.Weights.ToArray(), resolved.Layers[0].Weights.ToArray());
    }

    [Fact]
    public void BlocksAlreadyInTheModeRunAsDefined()
    {
        var sep = Separable(Activation.Relu);
        var separable = ModeResolver.Resolve(sep, ConvMode.Separable);
        Assert.Equal(BlockResolution.AsDefined, separable.Resolution);
        Assert.Same(sep.Depthwise, separable.Layers[0]);
        Assert.Same(sep.Pointwise, separable.Layers[1]);

        var std = Standard(3, 4, 3);
        var standard = ModeResolver.Resolve(std, ConvMode.Standard);
        Assert.Equal(BlockResolution.AsDefined, standard.Resolution);
        Assert.Same(std.Layer, Assert.Single(standard.Layers));
    }

    [Fact]
    public void StandardBlockIsFittedWithItsOwnMultiplier()
    {
        var resolved = ModeResolver.Resolve(Standard(3, 8, 3, fit: 2), ConvMode.Separable);
        Assert.Equal(BlockResolution.Fitted, resolved.Resolution);
        Assert.Equal(2, resolved.FitMultiplier);
        Assert.Equal(2, resolved.Layers[0].Multiplier);
        Assert.Equal(SeparableAlgebra.Fit(((StandardBlock)resolved.Block).Layer, 2).RelativeError, resolved.RelativeError);
        Assert.StartsWith("fitted with multiplier 2, relative weight error 0.", resolved.Note);
    }

    [Fact]
    public void DefaultMultiplierIsTheSmallestWithinOnePercent()
    {
        // A composed d = 1 block is rank 1 per input channel: d = 1 is already exact.
        var rankOne = ModeResolver.ChooseFit(new StandardBlock("r1", ModeResolver.Resolve(Separable(Activation.None), ConvMode.Standard).Layers[0]));
        Assert.Equal(1, rankOne.Multiplier);
        Assert.True(rankOne.RelativeError <= ModeResolver.DefaultErrorTarget);

        // A composed d = 2 block with n = 5 has rank 2 per channel: d = 1 misses the target, d = 2 hits it.
        var rankTwo = ModeResolver.ChooseFit(new StandardBlock("r2", ModeResolver.Resolve(Separable(Activation.None, d: 2), ConvMode.Standard).Layers[0]));
        Assert.Equal(2, rankTwo.Multiplier);

        // N = 2 caps the search at min(N, K²) = 2, which is exact.
        Assert.Equal(2, ModeResolver.ChooseFit(Standard(3, 2, 3)).Multiplier);

        // Random 8→8 3×3 weights have full rank 8: no d ≤ 4 reaches 1 %, so the cap is taken.
        var random = ModeResolver.ChooseFit(Standard(8, 8, 3));
        Assert.Equal(ModeResolver.DefaultMaxMultiplier, random.Multiplier);
        Assert.True(random.RelativeError > ModeResolver.DefaultErrorTarget);
    }

    [Fact]
    public void ResolvedPipelineListsLayersInOrderAndKnowsWhenItIsExact()
    {
        var pipeline = new Pipeline("p", 3, [Separable(Activation.None), Standard(5, 4, 3, fit: 1)]);
        var standard = pipeline.Resolve(ConvMode.Standard);
        Assert.Equal(["sep", "std"], standard.Layers.Select(l => l.Name));
        Assert.True(standard.IsExact);
        var separable = pipeline.Resolve(ConvMode.Separable);
        Assert.Equal(["sep.dw", "sep.pw", "std.dw", "std.pw"], separable.Layers.Select(l => l.Name));
        Assert.False(separable.IsExact);
    }

    [Fact]
    public void PipelineRefusesABrokenChannelChain()
    {
        var e = Assert.Throws<ArgumentException>(() => new Pipeline("p", 3, [Separable(Activation.None), Standard(4, 4, 3)]));
        Assert.Contains("reads 4 channels but receives 5", e.Message);
    }
}
