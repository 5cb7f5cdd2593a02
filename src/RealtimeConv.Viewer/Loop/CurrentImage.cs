using RealtimeConv.Tensors;
using RealtimeConv.Viewer.Streaming;

namespace RealtimeConv.Viewer.Loop;

/// <summary>
/// The image on screen and its conversion into the pipeline's input, remade only when the image or the
/// pipeline's input channel count changes. The input is in the layout the CPU backend prefers (an image's 3
/// channels planar); the GPU upload reads either.
/// </summary>
internal sealed class CurrentImage
{
    /// <summary>The image shown, or null before the first one decoded.</summary>
    public StreamedImage? Image { get; private set; }

    private Func<int, ChannelLayout> _layoutOf = _ => ChannelLayout.Blocked;

    /// <summary>The pipeline input made from <see cref="Image"/>, or null.</summary>
    public FeatureMap? Input { get; private set; }

    /// <summary>Set when <see cref="Input"/> was remade and the compute stage must resend it.</summary>
    public bool InputChanged { get; set; }

    /// <summary>
    /// Shows <paramref name="image"/> (decoded successfully) as a <paramref name="channels"/>-channel input, in the
    /// layout <paramref name="layoutOf"/> gives for that many channels (the CPU backend's preference).
    /// </summary>
    public void Show(StreamedImage image, int channels, Func<int, ChannelLayout> layoutOf)
    {
        Image = image;
        _layoutOf = layoutOf;
        Input = Compute.ChainInput.From(image.Pixels!, channels, layoutOf(channels));
        InputChanged = true;
    }

    /// <summary>Remakes the input when the pipeline now takes <paramref name="channels"/> channels.</summary>
    public void Adapt(int channels)
    {
        if (Image is null || Input is null || Input.Channels == channels) return;
        Input = Compute.ChainInput.From(Image.Pixels!, channels, _layoutOf(channels));
        InputChanged = true;
    }
}
