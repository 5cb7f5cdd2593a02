namespace RealtimeConv.Viewer.Hud;

/// <summary>A colour with straight (not premultiplied) alpha, components in [0, 1].</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
/// <param name="A">Opacity.</param>
public readonly record struct Rgba(float R, float G, float B, float A)
{
    /// <summary>Opaque white.</summary>
    public static Rgba White => new(1f, 1f, 1f, 1f);

    /// <summary>Opaque colour from 0..255 components.</summary>
    public static Rgba FromBytes(byte r, byte g, byte b, byte a = 255) => new(r / 255f, g / 255f, b / 255f, a / 255f);
}
