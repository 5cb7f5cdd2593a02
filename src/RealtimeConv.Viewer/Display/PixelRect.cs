namespace RealtimeConv.Viewer.Display;

/// <summary>A rectangle of framebuffer pixels with its origin at the TOP-left (window convention, y down).</summary>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>The empty rectangle.</summary>
    public static PixelRect Empty => default;

    /// <summary>True when it covers no pixel.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>One past the right column.</summary>
    public int Right => X + Width;

    /// <summary>One past the bottom row.</summary>
    public int Bottom => Y + Height;

    /// <summary>Whether <paramref name="other"/> lies inside this rectangle (an empty one lies anywhere).</summary>
    public bool Contains(PixelRect other) =>
        other.IsEmpty || (other.X >= X && other.Y >= Y && other.Right <= Right && other.Bottom <= Bottom);

    /// <summary>Whether the two share a pixel.</summary>
    public bool Overlaps(PixelRect other) =>
        !IsEmpty && !other.IsEmpty && X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    /// <summary>
    /// The largest rectangle of aspect <paramref name="width"/>:<paramref name="height"/> inside this one,
    /// centred. The longer side is floored, the other rounded from it, so the aspect is kept within half a
    /// pixel and the result never leaves this rectangle.
    /// </summary>
    public PixelRect Fit(int width, int height)
    {
        if (IsEmpty || width <= 0 || height <= 0) return new PixelRect(X, Y, 0, 0);
        // scale = min(W / w, H / h): the limiting side fills this rectangle.
        double scale = Math.Min((double)Width / width, (double)Height / height);
        int w, h;
        if (width >= height)
        {
            w = Math.Min(Width, (int)Math.Floor(width * scale));
            h = Math.Min(Height, (int)Math.Round(w * (double)height / width));
        }
        else
        {
            h = Math.Min(Height, (int)Math.Floor(height * scale));
            w = Math.Min(Width, (int)Math.Round(h * (double)width / height));
        }
        if (w <= 0 || h <= 0) return new PixelRect(X, Y, 0, 0);
        return new PixelRect(X + (Width - w) / 2, Y + (Height - h) / 2, w, h);
    }
}
