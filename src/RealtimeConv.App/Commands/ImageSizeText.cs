using System.Globalization;
using RealtimeConv.Tensors;

namespace RealtimeConv.App.Commands;

/// <summary>Parses the "WxH" sizes that <c>--size</c> options take ("512x512", "1920×1080").</summary>
internal static class ImageSizeText
{
    /// <summary>True when <paramref name="text"/> is WxH with both sides in 1..<see cref="FeatureMap.MaxSide"/>.</summary>
    public static bool TryParse(string text, out int width, out int height)
    {
        width = height = 0;
        var parts = text.ToLowerInvariant().Split('x', '×');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height)
            && width is >= 1 and <= FeatureMap.MaxSide && height is >= 1 and <= FeatureMap.MaxSide;
    }
}
