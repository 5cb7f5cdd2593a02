using RealtimeConv.Tensors;

namespace RealtimeConv.Imaging;

/// <summary>
/// Shrinks an image or a feature map by an integer factor with an area (box) average: every output pixel
/// is the mean of the f×f input pixels it covers. <c>rtconv verify --max-side</c> uses it so large images
/// verify in seconds on a software GPU; the viewer uses it so a frame never convolves more than its
/// <c>--max-side</c>.
/// </summary>
/// <remarks>
/// Both overloads share one geometry: the output is ceil(W / f) × ceil(H / f), and the last row and column
/// average only the pixels that exist (a partial box is not padded with zeros, so edges keep their brightness).
/// </remarks>
public static class AreaDownsample
{
    /// <summary>The smallest integer factor f with ceil(max(W, H) / f) ≤ <paramref name="maxSide"/>.</summary>
    public static int Factor(int width, int height, int maxSide) => (Math.Max(width, height) + maxSide - 1) / maxSide;

    /// <summary>
    /// out[c, y, x] = mean of in[c, y·f + i, x·f + j] over 0 ≤ i, j &lt; f inside the image; the output is
    /// ceil(W / f) × ceil(H / f), and the last row and column average only the pixels that exist. The output
    /// is in <paramref name="layout"/>, the input's when null; the input may be in either layout. Returns
    /// <paramref name="input"/> itself when <paramref name="factor"/> is 1 and the layout is the input's.
    /// </summary>
    public static FeatureMap Apply(FeatureMap input, int factor, ChannelLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        var outputLayout = layout ?? input.Layout;
        if (factor == 1 && outputLayout == input.Layout) return input;
        int height = (input.Height + factor - 1) / factor, width = (input.Width + factor - 1) / factor;
        var output = new FeatureMap(input.Channels, height, width, outputLayout);
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

    /// <summary>
    /// The same box average over 8-bit pixels, every component (alpha included) on its own:
    /// out[y, x, k] = round(Σ in[y·f + i, x·f + j, k] / n) over the n pixels of the box inside the image,
    /// rounding halves up. Returns <paramref name="input"/> itself when <paramref name="factor"/> is 1.
    /// </summary>
    public static PixelImage Apply(PixelImage input, int factor)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1) return input;
        int height = (input.Height + factor - 1) / factor, width = (input.Width + factor - 1) / factor;
        int comps = input.Components;
        var output = new PixelImage(width, height, comps);
        var src = input.Pixels;
        var dst = output.Pixels;
        // One output row at a time: the sums of its boxes build up row by row of the source, so the source
        // is read in order (cache-friendly) and each source byte is added exactly once. The sums are longs:
        // a box of f² bytes overflows an int once f > 2900, which a 16384-px image shrunk to a few pixels reaches.
        var sums = new long[width * comps];
        for (int y = 0; y < height; y++)
        {
            int y0 = y * factor, y1 = Math.Min(y0 + factor, input.Height);
            Array.Clear(sums);
            for (int sy = y0; sy < y1; sy++)
            {
                var row = src.AsSpan(sy * input.RowBytes, input.RowBytes);
                for (int x = 0; x < width; x++)
                {
                    int start = x * factor * comps, end = Math.Min((x + 1) * factor, input.Width) * comps;
                    // One box row of one component: at most f bytes, so an int holds it; the long sums
                    // take the rows. Strided reads stay inside a few cache lines.
                    for (int k = 0; k < comps; k++)
                    {
                        int part = 0;
                        for (int i = start + k; i < end; i += comps) part += row[i];
                        sums[x * comps + k] += part;
                    }
                }
            }
            int rows = y1 - y0;
            int outRow = y * output.RowBytes;
            for (int x = 0; x < width; x++)
            {
                int x0 = x * factor, x1 = Math.Min(x0 + factor, input.Width);
                int n = rows * (x1 - x0);
                for (int k = 0; k < comps; k++)
                {
                    // round(sum / n) with halves up, in integers: (2·sum + n) / (2n).
                    long sum = sums[x * comps + k];
                    dst[outRow + x * comps + k] = (byte)((2 * sum + n) / (2L * n));
                }
            }
        }
        return output;
    }
}
