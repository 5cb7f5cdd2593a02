using RealtimeConv.Imaging;
using RealtimeConv.Tests.Imaging;
using RealtimeConv.Tensors;
using RealtimeConv.Viewer.Compute;

namespace RealtimeConv.Tests.Viewer;

public sealed class ChainInputTests
{
    private static readonly PixelImage Image = new(5, 4, 3, TestImages.Pattern(5, 4, 3, seed: 7));

    [Fact]
    public void Three_channels_are_rgb_and_one_is_luma_as_the_batch_run_converts_them()
    {
        Assert.Equal(0, Max(ImageConversion.ToFeatureMap(Image, 3), ChainInput.From(Image, 3)));
        Assert.Equal(0, Max(ImageConversion.ToFeatureMap(Image, 1), ChainInput.From(Image, 1)));
    }

    [Fact]
    public void A_wider_pipeline_reads_colour_c_mod_3_like_the_executor()
    {
        var rgb = ImageConversion.ToFeatureMap(Image, 3);
        var wide = ChainInput.From(Image, 32);
        Assert.Equal(32, wide.Channels);
        for (int c = 0; c < 32; c++)
            for (int y = 0; y < 4; y++)
                for (int x = 0; x < 5; x++) Assert.Equal(rgb[c % 3, y, x], wide[c, y, x]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(32)]
    public void A_planar_input_holds_the_blocked_inputs_values(int channels)
    {
        var planar = ChainInput.From(Image, channels, ChannelLayout.Planar);
        Assert.Equal(ChannelLayout.Planar, planar.Layout);
        Assert.Equal(0, Max(ChainInput.From(Image, channels), planar));
    }

    private static float Max(FeatureMap a, FeatureMap b) => FeatureMap.MaxAbsDifference(a, b);
}
