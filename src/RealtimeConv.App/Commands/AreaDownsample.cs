using RealtimeConv.Tensors;

namespace RealtimeConv.App.Commands;

/// <summary>
/// Shrinks a feature map by an integer factor with an area (box) average, so that large images can be
/// verified in seconds on a software GPU: every output pixel is the mean of the f×f input pixels it covers.
/// </summary>
internal static class AreaDownsample
{
    /// <summary>The smallest integer factor f with ceil(max(W, H) / f) ≤ <paramref name="maxSide"/>.</summary>
    public static int Factor(int width, int height, int maxSide) => (Math.Max(width, height) + maxSide - 1) / maxSide;

    /// <summary>
    /// out[c, y, x] = mean of in[c, y·f + i, x·f + j] over 0 ≤ i, j &lt; f inside the image; the output is
    /// ceil(W / f) × ceil(H / f), and the last row and column average only the pixels that exist.
    /// </summary>
    public static FeatureMap Apply(FeatureMap input, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1) return input;
        int height = (input.Height + factor - 1) / factor, width = (input.Width + factor - 1) / factor;
        var output = new FeatureMap(input.Channels, height, width);
        for (int c = 0; c < input.Channels; c++)
            for (int y = 0; y < height; y++)
            {
                int y0 = y * factor, y1 = Math.Min(y0 + factor, input.Height);
                for (int x = 0; x < width; x++)
                {
                    int x0 = x * factor, x1 = Math.Min(x0 + factor, input.Width);
                    double sum = 0;
                    for (int sy = y0; sy < y1; sy++)
                        for (int sx = x0; sx < x1; sx++)
                            sum += input[c, sy, sx];
                    output[c, y, x] = (float)(sum / ((y1 - y0) * (x1 - x0)));
                }
            }
        return output;
    }
}
