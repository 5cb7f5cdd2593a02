namespace RealtimeConv.Imaging;

/// <summary>
/// Weights for turning RGB into one luma channel, applied to the gamma-encoded (sRGB) values as stored,
/// i.e. luma Y′, not linear luminance.
/// </summary>
public enum LumaWeights
{
    /// <summary>ITU-R BT.601: <c>Y′ = 0.299 R + 0.587 G + 0.114 B</c> (JPEG's and stb_image's own gray conversion).</summary>
    Rec601,

    /// <summary>ITU-R BT.709: <c>Y′ = 0.2126 R + 0.7152 G + 0.0722 B</c> (HDTV primaries, as sRGB uses).</summary>
    Rec709,
}
