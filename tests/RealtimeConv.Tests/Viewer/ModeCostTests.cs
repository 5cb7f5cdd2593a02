using RealtimeConv.Cost;
using RealtimeConv.Pipelines;
using RealtimeConv.Viewer.Compute;

namespace RealtimeConv.Tests.Viewer;

public sealed class ModeCostTests
{
    [Fact]
    public void A_separable_block_is_one_standard_layer_or_two_separable_ones()
    {
        var edges = PresetCatalog.Build("edges");
        var standard = edges.Resolve(ConvMode.Standard);
        var separable = edges.Resolve(ConvMode.Separable);
        Assert.Equal(0, BlockIndex.LastLayer(standard, 0));
        Assert.Equal(1, BlockIndex.LastLayer(separable, 0));
    }

    [Fact]
    public void Block_ends_line_up_across_modes_in_a_longer_chain()
    {
        var mobilenet = PresetCatalog.Build("mobilenet");
        var standard = mobilenet.Resolve(ConvMode.Standard);
        var separable = mobilenet.Resolve(ConvMode.Separable);
        for (int b = 0; b < mobilenet.Blocks.Count; b++)
        {
            var a = standard.Layers[BlockIndex.LastLayer(standard, b)];
            var s = separable.Layers[BlockIndex.LastLayer(separable, b)];
            Assert.Equal(mobilenet.Blocks[b].OutChannels, a.OutChannels);
            Assert.Equal(a.OutChannels, s.OutChannels);
        }
    }

    [Fact]
    public void Costs_follow_the_cost_model_layer_by_layer_with_strides()
    {
        var pipeline = PresetCatalog.Build("mobilenet");
        var standard = new ModeCost(pipeline.Resolve(ConvMode.Standard), 64, 48);
        // The stem is a standard 3→32 K=3 stride-2 layer: 32·3·9 multiplications per output pixel, 32×24 pixels.
        Assert.Equal(ConvCost.Standard(3, 32, 3, 32 * 24), standard.Layer(0));

        var separable = pipeline.Resolve(ConvMode.Separable);
        var cost = new ModeCost(separable, 64, 48);
        int h = 64, w = 48;
        long total = 0;
        for (int i = 0; i < separable.Layers.Count; i++)
        {
            var layer = separable.Layers[i];
            Assert.Equal(ConvCost.Multiplications(layer, h, w), cost.Layer(i));
            total += cost.Layer(i);
            Assert.Equal(total, cost.Through(i));
            h = layer.OutputSize(h);
            w = layer.OutputSize(w);
        }
    }

    [Fact]
    public void A_chain_through_a_block_ends_with_that_block_in_both_modes()
    {
        var mobilenet = PresetCatalog.Build("mobilenet");
        foreach (var mode in new[] { ConvMode.Standard, ConvMode.Separable })
        {
            var chain = mobilenet.Resolve(mode);
            Assert.Same(chain, chain.Through(mobilenet.Blocks.Count - 1));
            var firstTwo = chain.Through(1);
            Assert.Equal(2, firstTwo.Blocks.Count);
            Assert.Equal(BlockIndex.LastLayer(chain, 1) + 1, firstTwo.Layers.Count);
            Assert.Equal(mode, firstTwo.Mode);
            Assert.Throws<ArgumentOutOfRangeException>(() => chain.Through(mobilenet.Blocks.Count));
        }
    }
}
