namespace RealtimeConv.Imaging;

/// <summary>
/// An 8-bit interleaved image: <see cref="Height"/> rows of <see cref="Width"/> pixels, each
/// <see cref="Components"/> bytes (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA), rows top to bottom, no row padding.
/// It is what the viewer uploads as a texture and what <see cref="PngWriter"/> writes.
/// </summary>
public sealed class PixelImage
{
    /// <summary>Creates a zero-filled (black, transparent) image.</summary>
    public PixelImage(int width, int height, int components)
        : this(width, height, components, new byte[CheckedLength(width, height, components)])
    {
    }

    /// <summary>Wraps <paramref name="pixels"/> without copying; the image owns the array from now on.</summary>
    public PixelImage(int width, int height, int components, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        long length = CheckedLength(width, height, components);
        if (pixels.Length != length)
            throw new ArgumentException($"pixel array has {pixels.Length} bytes, a {width}×{height}×{components} image needs {length}", nameof(pixels));
        Width = width;
        Height = height;
        Components = components;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bytes per pixel: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA.</summary>
    public int Components { get; }

    /// <summary>The pixel bytes, row-major, interleaved.</summary>
    public byte[] Pixels { get; }

    /// <summary>Bytes per row: <c>Width * Components</c>.</summary>
    public int RowBytes => Width * Components;

    /// <summary>"W×H×C", for messages.</summary>
    public string ShapeText => $"{Width}×{Height}×{Components}";

    /// <summary>Offset of component <paramref name="k"/> of pixel (<paramref name="x"/>, <paramref name="y"/>) in <see cref="Pixels"/>.</summary>
    public int IndexOf(int x, int y, int k = 0) => (y * Width + x) * Components + k;

    /// <summary>
    /// The same picture as RGBA: gray g → (g, g, g, 255), gray+alpha → (g, g, g, a), RGB → (r, g, b, 255).
    /// Returns this image itself when it is already RGBA.
    /// </summary>
    public PixelImage ToRgba()
    {
        if (Components == 4) return this;
        var rgba = new byte[(long)Width * Height * 4];
        var src = Pixels;
        int count = Width * Height;
        for (int p = 0; p < count; p++)
        {
            int s = p * Components, d = p * 4;
            switch (Components)
            {
                case 1:
                    rgba[d] = rgba[d + 1] = rgba[d + 2] = src[s];
                    rgba[d + 3] = 255;
                    break;
                case 2:
                    rgba[d] = rgba[d + 1] = rgba[d + 2] = src[s];
                    rgba[d + 3] = src[s + 1];
                    break;
                default:
                    rgba[d] = src[s];
                    rgba[d + 1] = src[s + 1];
                    rgba[d + 2] = src[s + 2];
                    rgba[d + 3] = 255;
                    break;
            }
        }
        return new PixelImage(Width, Height, 4, rgba);
    }

    private static long CheckedLength(int width, int height, int components)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 1");
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be at least 1");
        if (components < 1 || components > 4) throw new ArgumentOutOfRangeException(nameof(components), components, "components must be 1..4");
        long length = (long)width * height * components;
        if (length > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(width), $"a {width}×{height}×{components} image does not fit in one array");
        return length;
    }
}
