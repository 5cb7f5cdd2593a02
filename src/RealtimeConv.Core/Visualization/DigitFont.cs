namespace RealtimeConv.Visualization;

/// <summary>
/// A 3×5 pixel font for the digits 0–9, our own, for channel labels on tiles (no text engine in Core).
/// Each glyph is five rows, top to bottom; in each row bit 2 is the left column and bit 0 the right.
/// </summary>
internal static class DigitFont
{
    /// <summary>Glyph width in font pixels.</summary>
    public const int GlyphWidth = 3;

    /// <summary>Glyph height in font pixels.</summary>
    public const int GlyphHeight = 5;

    /// <summary>Blank font pixels between glyphs.</summary>
    public const int Spacing = 1;

    private static ReadOnlySpan<byte> Rows =>
    [
        0b111, 0b101, 0b101, 0b101, 0b111, // 0
        0b010, 0b110, 0b010, 0b010, 0b111, // 1
        0b111, 0b001, 0b111, 0b100, 0b111, // 2
        0b111, 0b001, 0b111, 0b001, 0b111, // 3
        0b101, 0b101, 0b111, 0b001, 0b001, // 4
        0b111, 0b100, 0b111, 0b001, 0b111, // 5
        0b111, 0b100, 0b111, 0b101, 0b111, // 6
        0b111, 0b001, 0b001, 0b001, 0b001, // 7
        0b111, 0b101, 0b111, 0b101, 0b111, // 8
        0b111, 0b101, 0b111, 0b001, 0b111, // 9
    ];

    /// <summary>True when font pixel (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="digit"/> is ink.</summary>
    public static bool IsSet(int digit, int x, int y) => (Rows[digit * GlyphHeight + y] >> (GlyphWidth - 1 - x) & 1) != 0;

    /// <summary>Width in font pixels of <paramref name="digits"/> glyphs with spacing between them.</summary>
    public static int TextWidth(int digits) => digits * GlyphWidth + (digits - 1) * Spacing;
}
