using RealtimeConv.Execution;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Layers;
using RealtimeConv.Pipelines;
using RealtimeConv.Tests.Algebra;

namespace RealtimeConv.Tests.Execution;

/// <summary>The executor's fused separable blocks on the cpu backend: same bits as the unfused chain, what it says it ran.</summary>
public sealed class PipelineExecutorFusionTests
{
    /// <summary>A stem, then two separable blocks (one with multiplier 2 and stride 2, one with ReLU6 between the passes).</summary>
    private static Pipeline ThreeBlocks() => new("three", 3,
    [
        new StandardBlock("stem", ConvLayer.Standard("stem", 3, 6, 3, 1, RandomTensors.Uniform(6 * 3 * 9, 1), RandomTensors.Uniform(6, 2), Activation.Relu), 2),
        new SeparableBlock("sep1",
            ConvLayer.Depthwise("sep1.dw", 6, 2, 5, 2, RandomTensors.Uniform(12 * 25, 3), RandomTensors.Uniform(12, 4), Activation.Relu),
            ConvLayer.Pointwise("sep1.pw", 12, 20, 1, RandomTensors.Uniform(240, 5), RandomTensors.Uniform(20, 6), Activation.Relu)),
        new SeparableBlock("sep2",
            ConvLayer.Depthwise("sep2.dw", 20, 1, 3, 1, RandomTensors.Uniform(20 * 9, 7), activation: Activation.Relu6),
            ConvLayer.Pointwise("sep2.pw", 20, 9, 1, RandomTensors.Uniform(180, 8))),
    ]);

    [Theory]
    [InlineData(FusionPolicy.Always)]
    [InlineData(FusionPolicy.WhenFaster)]
    public void FusedChainGivesTheUnfusedBits(FusionPolicy policy)
    {
        var chain = ThreeBlocks().Resolve(ConvMode.Separable);
        using var backend = new FastBackend(threads: 2);
        using var unfused = new PipelineExecutor(chain, backend, FusionPolicy.Never);
        using var fused = new PipelineExecutor(chain, backend, policy);
        foreach (var (h, w) in new[] { (17, 23), (17, 23), (8, 5) })
        {
            var input = RandomTensors.Map(3, h, w, h + w);
            var expected = unfused.Run(input).Span.ToArray();
            Assert.True(fused.Run(input).Span.SequenceEqual(expected), $"{policy} on {h}×{w}");
            Assert.All(Enumerable.Range(0, chain.Layers.Count), i => Assert.False(unfused.IsFused(i)));
        }
    }

    [Fact]
    public void AlwaysFusesEverySeparableBlockAndSaysSo()
    {
        var chain = ThreeBlocks().Resolve(ConvMode.Separable);
        using var backend = new FastBackend(threads: 2);
        using var executor = new PipelineExecutor(chain, backend, FusionPolicy.Always);
        executor.Run(RandomTensors.Map(3, 12, 10, 1));
        // Separable mode fits the stem too, so every block is a depthwise + pointwise pair, and each pair fused.
        Assert.All(chain.Blocks, block => Assert.Equal(2, block.Layers.Count));
        Assert.Equal([true, false, true, false, true, false], Enumerable.Range(0, chain.Layers.Count).Select(executor.IsFused).ToArray());
        int dw = chain.Layers.ToList().FindIndex(layer => layer.Name == "sep1.dw");
        var error = Assert.Throws<InvalidOperationException>(() => executor.LayerOutput(dw));
        Assert.Contains("'sep1.dw'", error.Message);
        Assert.Contains("FusionPolicy.Never", error.Message);
        var pw = executor.LayerOutput(dw + 1);
        Assert.Equal((20, 6, 5), (pw.Channels, pw.Height, pw.Width));
        Assert.Equal(new PassTiming(0, "fused"), executor.Timings[dw]);
        Assert.Equal("wall", executor.Timings[dw + 1].Clock);
    }

    [Fact]
    public void NeverKeepsEveryLayerOutput()
    {
        var chain = ThreeBlocks().Resolve(ConvMode.Separable);
        using var backend = new FastBackend(threads: 2);
        using var executor = new PipelineExecutor(chain, backend, FusionPolicy.Never);
        executor.Run(RandomTensors.Map(3, 12, 10, 1));
        for (int i = 0; i < chain.Layers.Count; i++) Assert.Equal(chain.Layers[i].OutChannels, executor.LayerOutput(i).Channels);
    }

    [Fact]
    public void StandardModeHasNothingToFuse()
    {
        var chain = ThreeBlocks().Resolve(ConvMode.Standard);
        using var backend = new FastBackend(threads: 2);
        using var executor = new PipelineExecutor(chain, backend, FusionPolicy.Always);
        executor.Run(RandomTensors.Map(3, 9, 9, 2));
        Assert.All(Enumerable.Range(0, chain.Layers.Count), i => Assert.False(executor.IsFused(i)));
    }
}
