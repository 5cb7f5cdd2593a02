using System.Numerics;

namespace RealtimeConv.Visualization;

/// <summary>
/// The normalisation and colormap functions, pure and small so the GLSL visualisation shader can mirror
/// them line for line (<c>vec3</c> for <see cref="Vector3"/>, <c>clamp</c>, <c>mix</c>). Colours are linear
/// RGB components in [0, 1] as written to an 8-bit sRGB image (no transfer function is applied).
/// </summary>
public static class Colormaps
{
    /// <summary>Colour of a NaN value: magenta (1, 0, 1), outside every map so it stands out.</summary>
    public static readonly Vector3 NaNColour = new(1f, 0f, 1f);

    /// <summary>Diverging map's negative end, (59, 76, 192)/255: coolwarm's blue.</summary>
    public static readonly Vector3 DivergingNegative = new(59f / 255f, 76f / 255f, 192f / 255f);

    /// <summary>Diverging map's positive end, (180, 4, 38)/255: coolwarm's red.</summary>
    public static readonly Vector3 DivergingPositive = new(180f / 255f, 4f / 255f, 38f / 255f);

    // Viridis (matplotlib, CC0) sampled at t = 0, 1/8, ..., 1: #440154 #472d7b #3b528b #2c728e #21918c
    // #28ae80 #5ec962 #addc30 #fde725. Linear between samples is within a few levels of the full table.
    private static ReadOnlySpan<byte> ViridisSamples =>
    [
        0x44, 0x01, 0x54, 0x47, 0x2d, 0x7b, 0x3b, 0x52, 0x8b, 0x2c, 0x72, 0x8e, 0x21, 0x91, 0x8c,
        0x28, 0xae, 0x80, 0x5e, 0xc9, 0x62, 0xad, 0xdc, 0x30, 0xfd, 0xe7, 0x25,
    ];

    /// <summary>
    /// Sequential position of <paramref name="v"/> in [<paramref name="lo"/>, <paramref name="hi"/>]:
    /// <c>t = hi &gt; lo ? clamp((v − lo) / (hi − lo), 0, 1) : 0.5</c>. A constant channel (hi = lo) maps
    /// to the middle of the map (mid-grey) instead of dividing by zero.
    /// </summary>
    public static float SequentialT(float v, float lo, float hi) =>
        hi > lo ? Math.Clamp((v - lo) / (hi - lo), 0f, 1f) : 0.5f;

    /// <summary>
    /// Signed position of <paramref name="v"/> for the diverging map:
    /// <c>s = maxAbs &gt; 0 ? clamp(v / maxAbs, −1, 1) : 0</c>. Symmetric around zero, so 0 is always the
    /// neutral colour and ±x are equally far from it; a constant channel c ≠ 0 maps to ±1, its own end colour.
    /// </summary>
    public static float DivergingS(float v, float maxAbs) =>
        maxAbs > 0f ? Math.Clamp(v / maxAbs, -1f, 1f) : 0f;

    /// <summary>Grayscale: <c>(t, t, t)</c>.</summary>
    public static Vector3 Grayscale(float t) => new(t);

    /// <summary>
    /// Viridis: with <c>u = clamp(t, 0, 1)·8</c>, <c>i = min(floor(u), 7)</c>,
    /// <c>colour = mix(sample[i], sample[i + 1], u − i)</c> over the nine samples above.
    /// </summary>
    public static Vector3 Viridis(float t)
    {
        float u = Math.Clamp(t, 0f, 1f) * 8f;
        int i = Math.Min((int)u, 7);
        return Vector3.Lerp(ViridisSample(i), ViridisSample(i + 1), u - i);
    }

    /// <summary>
    /// Blue–white–red: <c>s &lt; 0 ? mix(white, blue, −s) : mix(white, red, s)</c> for s in [−1, 1]
    /// (clamped). White at 0; the two halves are mirror images in distance from white.
    /// </summary>
    public static Vector3 Diverging(float s)
    {
        s = Math.Clamp(s, -1f, 1f);
        return s < 0f ? Vector3.Lerp(Vector3.One, DivergingNegative, -s) : Vector3.Lerp(Vector3.One, DivergingPositive, s);
    }

    /// <summary>A [0, 1] component as a byte: <c>round(clamp(c, 0, 1)·255)</c>.</summary>
    public static byte ToByte(float c) => (byte)MathF.Round(Math.Clamp(c, 0f, 1f) * 255f);

    private static Vector3 ViridisSample(int i)
    {
        var s = ViridisSamples.Slice(i * 3, 3);
        return new Vector3(s[0], s[1], s[2]) / 255f;
    }
}
