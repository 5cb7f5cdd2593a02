namespace RealtimeConv.Imaging;

/// <summary>
/// Orders names the way people number files: runs of digits compare as numbers ("img2" before "img10"),
/// other text compares case-insensitively. Ties (such as "a01" vs "a1", or "A" vs "a") fall back to
/// fewer leading zeros first, then ordinal order, so the order is total and stable across runs.
/// </summary>
public sealed class NaturalSortComparer : IComparer<string>
{
    /// <summary>The comparer (it holds no state).</summary>
    public static NaturalSortComparer Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int i = 0, j = 0, zeroTieBreak = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i, sj = j;
                while (i < x.Length && x[i] == '0') i++;
                while (j < y.Length && y[j] == '0') j++;
                int zi = i - si, zj = j - sj;
                int di = i, dj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i])) i++;
                while (j < y.Length && char.IsAsciiDigit(y[j])) j++;
                // Without leading zeros, a longer digit run is a larger number; equal lengths compare digit by digit.
                int byLength = (i - di).CompareTo(j - dj);
                if (byLength != 0) return byLength;
                int byDigits = string.CompareOrdinal(x, di, y, dj, i - di);
                if (byDigits != 0) return byDigits;
                if (zeroTieBreak == 0) zeroTieBreak = zi.CompareTo(zj);
            }
            else
            {
                int byChar = char.ToUpperInvariant(x[i]).CompareTo(char.ToUpperInvariant(y[j]));
                if (byChar != 0) return byChar;
                i++;
                j++;
            }
        }
        int byRest = (x.Length - i).CompareTo(y.Length - j);
        if (byRest != 0) return byRest;
        return zeroTieBreak != 0 ? zeroTieBreak : string.CompareOrdinal(x, y);
    }
}
