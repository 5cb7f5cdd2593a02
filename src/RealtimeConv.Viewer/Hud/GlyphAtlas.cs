using RealtimeConv.Gpu.Context;
using Silk.NET.OpenGL;
using SkiaSharp;

namespace RealtimeConv.Viewer.Hud;

/// <summary>
/// The HUD's characters rasterised ONCE by SkiaSharp from a bundled font into one R8 coverage texture,
/// with each glyph's place in it and its metrics. Covers ASCII 32..126 and <see cref="ExtraCharacters"/>;
/// a 4×4 opaque block at the atlas origin lets the same batch fill rectangles.
/// </summary>
public sealed class GlyphAtlas : IDisposable
{
    /// <summary>The non-ASCII characters the HUD writes (units, operators, arrows).</summary>
    public const string ExtraCharacters = "×−µ²·≤≥±→…";

    /// <summary>Atlas width in texels; rows are added as the glyphs need them.</summary>
    private const int AtlasWidth = 512;

    /// <summary>Side of the opaque block at (0, 0) used for solid fills.</summary>
    internal const int SolidBlock = 4;

    private readonly GpuDevice _device;
    private readonly Glyph[] _ascii = new Glyph[127 - 32];
    private readonly Dictionary<char, Glyph> _extra = [];
    private uint _texture;

    /// <summary>Rasterises the font at <paramref name="fontPath"/> at <paramref name="pixelSize"/> pixels per em.</summary>
    /// <exception cref="FileNotFoundException">The font file is missing.</exception>
    /// <exception cref="InvalidDataException">Skia cannot read it as a font, or it lacks a required character.</exception>
    public GlyphAtlas(GpuDevice device, string fontPath, float pixelSize)
    {
        device.CheckThread(nameof(GlyphAtlas));
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelSize, 4f);
        if (!File.Exists(fontPath)) throw new FileNotFoundException($"HUD font '{fontPath}' is missing (it ships beside the program in Hud/Fonts/)", fontPath);
        _device = device;
        FontPath = fontPath;
        PixelSize = pixelSize;

        using var typeface = SKTypeface.FromFile(fontPath) ?? throw new InvalidDataException($"HUD font '{fontPath}': Skia cannot read it as a font");
        using var font = new SKFont(typeface, pixelSize) { Edging = SKFontEdging.Antialias, Subpixel = false, Hinting = SKFontHinting.Normal };
        var metrics = font.Metrics;
        // Line box: ascent (negative in Skia) above the baseline, descent and leading below it.
        int baseline = (int)MathF.Ceiling(-metrics.Ascent);
        LineHeight = MathF.Ceiling(-metrics.Ascent + metrics.Descent + metrics.Leading);

        var characters = Enumerable.Range(32, 127 - 32).Select(c => (char)c).Concat(ExtraCharacters).ToArray();
        var cells = new (char C, SKRect Bounds, float Advance, int W, int H)[characters.Length];
        for (int i = 0; i < characters.Length; i++)
        {
            char c = characters[i];
            if (font.GetGlyph(c) == 0) throw new InvalidDataException($"HUD font '{fontPath}' has no glyph for '{c}' (U+{(int)c:X4})");
            float advance = font.MeasureText(c.ToString(), out var bounds);
            // One texel of margin around the ink, so antialiased edges are not cut.
            int w = bounds.IsEmpty ? 0 : (int)MathF.Ceiling(bounds.Right) - (int)MathF.Floor(bounds.Left) + 2;
            int h = bounds.IsEmpty ? 0 : (int)MathF.Ceiling(bounds.Bottom) - (int)MathF.Floor(bounds.Top) + 2;
            cells[i] = (c, bounds, advance, w, h);
        }

        // Shelf packing: left to right, a new shelf when a row is full; the solid block comes first.
        var placed = new (int X, int Y)[cells.Length];
        int x = SolidBlock + 1, y = 0, shelf = SolidBlock + 1;
        for (int i = 0; i < cells.Length; i++)
        {
            if (cells[i].W == 0) continue;
            if (x + cells[i].W > AtlasWidth) { x = 0; y += shelf; shelf = 0; }
            placed[i] = (x, y);
            x += cells[i].W + 1;
            shelf = Math.Max(shelf, cells[i].H + 1);
        }
        Width = AtlasWidth;
        Height = y + shelf;

        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Alpha8, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = true })
        {
            canvas.Clear(SKColors.Transparent);
            canvas.DrawRect(0, 0, SolidBlock, SolidBlock, paint);
            for (int i = 0; i < cells.Length; i++)
            {
                var (c, bounds, advance, w, h) = cells[i];
                int left = (int)MathF.Floor(bounds.Left) - 1, top = (int)MathF.Floor(bounds.Top) - 1;
                var glyph = new Glyph(placed[i].X, placed[i].Y, w, h, left, baseline + top, advance);
                if (c < 127) _ascii[c - 32] = glyph; else _extra[c] = glyph;
                // Pen at the cell's origin: the cell's top-left is (left, top) from the pen on the baseline.
                if (w > 0) canvas.DrawText(c.ToString(), placed[i].X - left, placed[i].Y - top, SKTextAlign.Left, font, paint);
            }
        }
        Coverage = new byte[Width * Height];
        var pixels = bitmap.GetPixelSpan();
        for (int row = 0; row < Height; row++) pixels.Slice(row * bitmap.RowBytes, Width).CopyTo(Coverage.AsSpan(row * Width, Width));

        var gl = device.Gl;
        _texture = gl.GenTexture();
        device.Objects.Created("texture");
        gl.BindTexture(TextureTarget.Texture2D, _texture);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        gl.TexImage2D<byte>(TextureTarget.Texture2D, 0, InternalFormat.R8, (uint)Width, (uint)Height, 0, PixelFormat.Red, PixelType.UnsignedByte, Coverage);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 4);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMaxLevel, 0);
        const string label = "glyph atlas";
        gl.ObjectLabel(ObjectIdentifier.Texture, _texture, (uint)label.Length, label);
        gl.BindTexture(TextureTarget.Texture2D, 0);
    }

    /// <summary>The bundled HUD font: <c>Hud/Fonts/DejaVuSansMono.ttf</c> under the program's folder.</summary>
    public static string DefaultFontPath => Path.Combine(AppContext.BaseDirectory, "Hud", "Fonts", "DejaVuSansMono.ttf");

    /// <summary>The font file.</summary>
    public string FontPath { get; }

    /// <summary>Pixels per em.</summary>
    public float PixelSize { get; }

    /// <summary>Distance between the tops of two lines, in pixels.</summary>
    public float LineHeight { get; }

    /// <summary>Atlas width in texels.</summary>
    public int Width { get; }

    /// <summary>Atlas height in texels.</summary>
    public int Height { get; }

    /// <summary>The R8 texture.</summary>
    public uint Texture => _texture != 0 ? _texture : throw new ObjectDisposedException(nameof(GlyphAtlas));

    /// <summary>The coverage the texture holds, row-major, top row first (for tests and CPU checks).</summary>
    internal byte[] Coverage { get; }

    /// <summary>Whether <paramref name="c"/> has its own glyph (others draw as '?').</summary>
    public bool Covers(char c) => c is >= ' ' and < (char)127 || _extra.ContainsKey(c);

    /// <summary>The glyph of <paramref name="c"/>, or of '?' when the atlas does not cover it.</summary>
    public Glyph this[char c] =>
        c is >= ' ' and < (char)127 ? _ascii[c - 32] : _extra.TryGetValue(c, out var g) ? g : _ascii['?' - 32];

    /// <summary>How far <paramref name="c"/> moves the pen.</summary>
    public float Advance(char c) => this[c].Advance;

    /// <summary>Width of <paramref name="text"/> on one line: the sum of its advances.</summary>
    public float MeasureWidth(ReadOnlySpan<char> text)
    {
        float width = 0;
        foreach (char c in text) width += Advance(c);
        return width;
    }

    /// <summary>Deletes the texture. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_texture == 0) return;
        _device.Gl.DeleteTexture(_texture);
        _device.Objects.Deleted("texture");
        _texture = 0;
    }
}
