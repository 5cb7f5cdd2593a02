using System.Globalization;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.App.Bench;

/// <summary>The bench's shapes: the grid, and how <c>--shapes</c> selects from it or adds custom rows.</summary>
internal static class BenchGrid
{
    /// <summary>(M, N, W×H, K) from the issue: a 3-channel Full-HD stem, then MobileNet-like middle layers.</summary>
    public static IReadOnlyList<BenchShape> Default { get; } =
    [
        new(3, 16, 1080, 1920, 3),
        new(32, 32, 256, 256, 3),
        new(64, 64, 128, 128, 3),
        new(32, 64, 256, 256, 5),
        new(16, 16, 512, 512, 7),
    ];

    /// <summary>
    /// Parses <c>--shapes</c>: parts separated by ';', each either 1-based grid rows ("1,2") or one custom
    /// shape "M,N,WxH,K" (recognised by its 'x'). Null or empty selects the whole grid.
    /// </summary>
    public static IReadOnlyList<BenchShape> Select(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Default;
        var shapes = new List<BenchShape>();
        foreach (var rawPart in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (rawPart.Contains('x', StringComparison.OrdinalIgnoreCase) || rawPart.Contains('×'))
            {
                shapes.Add(ParseCustom(rawPart));
                continue;
            }
            foreach (var item in rawPart.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int row) || row < 1 || row > Default.Count)
                    throw new BenchUsageException($"--shapes: '{item}' is not a grid row 1..{Default.Count} (or give a custom shape as M,N,WxH,K)");
                shapes.Add(Default[row - 1]);
            }
        }
        if (shapes.Count == 0) throw new BenchUsageException($"--shapes: '{text}' selects no shape");
        return shapes;
    }

    private static BenchShape ParseCustom(string text)
    {
        var fields = text.Split(',', StringSplitOptions.TrimEntries);
        var size = fields.Length == 4 ? fields[2].Split('x', '×', 'X') : [];
        if (fields.Length != 4 || size.Length != 2
            || !TryPositive(fields[0], out int m) || !TryPositive(fields[1], out int n)
            || !TryPositive(size[0], out int w) || !TryPositive(size[1], out int h) || !TryPositive(fields[3], out int k))
            throw new BenchUsageException($"--shapes: '{text}' is not M,N,WxH,K (e.g. 8,16,64x48,3)");
        if (m > ConvLayer.MaxChannels || n > ConvLayer.MaxChannels)
            throw new BenchUsageException($"--shapes: '{text}': channels must be 1..{ConvLayer.MaxChannels}");
        if (w > FeatureMap.MaxSide || h > FeatureMap.MaxSide)
            throw new BenchUsageException($"--shapes: '{text}': sides must be 1..{FeatureMap.MaxSide}");
        if (k % 2 == 0 || k > ConvLayer.MaxKernel)
            throw new BenchUsageException($"--shapes: '{text}': K must be odd and at most {ConvLayer.MaxKernel}");
        return new BenchShape(m, n, h, w, k);
    }

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
