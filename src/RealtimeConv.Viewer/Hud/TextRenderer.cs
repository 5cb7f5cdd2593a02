using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Viewer.Display;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Hud;

/// <summary>
/// Batches HUD text and translucent rectangles into one draw (display/text.vert + display/text.frag):
/// <see cref="Begin"/>, any number of <see cref="Add"/> and <see cref="FillRect"/> (drawn in that
/// order, later over earlier), then <see cref="Flush"/>. The vertex array is sized once for
/// <c>maxGlyphs</c> quads, so a frame allocates nothing; quads past that are dropped and counted.
/// </summary>
public sealed class TextRenderer : IDisposable
{
    // Per vertex: position (2), atlas texel (2), colour (4); six vertices per quad (two triangles).
    private const int FloatsPerVertex = 8, VerticesPerQuad = 6, FloatsPerQuad = FloatsPerVertex * VerticesPerQuad;

    private readonly GpuDevice _device;
    private readonly GlyphAtlas _atlas;
    private readonly RenderProgram _program;
    private readonly float[] _vertices;
    private readonly int _maxQuads;
    private readonly VertexStream _stream;
    private int _quads, _framebufferWidth, _framebufferHeight;

    /// <summary>Builds the program and a vertex buffer for <paramref name="maxGlyphs"/> quads per batch.</summary>
    /// <exception cref="ShaderCompileException">A shader does not compile (names file:line).</exception>
    public TextRenderer(GpuDevice device, GlyphAtlas atlas, string shaderDirectory, int maxGlyphs = 16384)
    {
        device.CheckThread(nameof(TextRenderer));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGlyphs, 1);
        _device = device;
        _atlas = atlas;
        _maxQuads = maxGlyphs;
        _vertices = new float[maxGlyphs * FloatsPerQuad];
        _program = new RenderProgram(device, shaderDirectory, "display/text.vert", "display/text.frag");

        // Per vertex: position (2), atlas coordinate (2), colour (4).
        _stream = new VertexStream(device, "hud text", FloatsPerVertex,
            [new VertexStream.Attribute(0, 2, 0), new VertexStream.Attribute(1, 2, 2), new VertexStream.Attribute(2, 4, 4)], initialFloats: _vertices.Length);
    }

    /// <summary>The atlas glyphs come from.</summary>
    public GlyphAtlas Atlas => _atlas;

    /// <summary>Quads waiting for <see cref="Flush"/>.</summary>
    public int PendingQuads => _quads;

    /// <summary>Quads dropped since <see cref="Begin"/> because the batch was full.</summary>
    public int Dropped { get; private set; }

    /// <summary>The latest failed <see cref="Reload"/>; null when the program is good.</summary>
    public ShaderCompileException? LastError => _program.LastError;

    /// <summary>Starts a batch for a framebuffer of this size.</summary>
    public void Begin(int framebufferWidth, int framebufferHeight)
    {
        _framebufferWidth = framebufferWidth;
        _framebufferHeight = framebufferHeight;
        _quads = 0;
        Dropped = 0;
    }

    /// <summary>
    /// Queues one line of <paramref name="text"/> whose top-left is (<paramref name="x"/>, <paramref name="y"/>)
    /// in pixels. Characters the atlas does not cover draw as '?'; control characters too.
    /// </summary>
    public void Add(ReadOnlySpan<char> text, float x, float y, Rgba colour)
    {
        // The pen keeps its fractional position; each quad is put on whole pixels so the atlas maps 1:1.
        float pen = x;
        int top = (int)MathF.Round(y);
        foreach (char c in text)
        {
            var g = _atlas[c];
            if (g.Width > 0) Quad((int)MathF.Round(pen) + g.OffsetX, top + g.OffsetY, g.Width, g.Height, g.AtlasX, g.AtlasY, colour, solid: false);
            pen += g.Advance;
        }
    }

    /// <summary>Queues a filled rectangle (e.g. a translucent panel behind text).</summary>
    public void FillRect(PixelRect rect, Rgba colour)
    {
        if (rect.IsEmpty) return;
        Quad(rect.X, rect.Y, rect.Width, rect.Height, 0, 0, colour, solid: true);
    }

    /// <summary>Draws everything queued since <see cref="Begin"/> in one call, blended over the framebuffer, and empties the batch.</summary>
    public void Flush()
    {
        if (_quads == 0 || _framebufferWidth <= 0 || _framebufferHeight <= 0) { _quads = 0; return; }
        var gl = _device.Gl;
        DrawState.Reset(gl, _framebufferWidth, _framebufferHeight);
        gl.Enable(EnableCap.Blend);
        gl.BlendFuncSeparate(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha, BlendingFactor.One, BlendingFactor.OneMinusSrcAlpha);
        _stream.Upload(_vertices.AsSpan(0, _quads * FloatsPerQuad));
        _program.Use();
        gl.Uniform2(_program.Location("u_framebuffer"), (float)_framebufferWidth, _framebufferHeight);
        gl.Uniform1(_program.Location("u_atlas"), 0);
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindTexture(TextureTarget.Texture2D, _atlas.Texture);
        _stream.Bind();
        gl.DrawArrays(PrimitiveType.Triangles, 0, (uint)(_quads * VerticesPerQuad));
        _stream.Unbind();
        gl.Disable(EnableCap.Blend);
        _quads = 0;
    }

    /// <summary>Rebuilds the program from disk; on failure keeps the old one (see <see cref="LastError"/>).</summary>
    public bool Reload() => _program.Reload();

    private void Quad(int x, int y, int width, int height, int atlasX, int atlasY, Rgba colour, bool solid)
    {
        if (_quads >= _maxQuads) { Dropped++; return; }
        var v = _vertices.AsSpan(_quads * FloatsPerQuad, FloatsPerQuad);
        // A fill samples the middle of the opaque block at every corner; a glyph maps its cell 1:1.
        float half = GlyphAtlas.SolidBlock / 2f;
        float u0 = solid ? half : atlasX, v0 = solid ? half : atlasY;
        float u1 = solid ? half : atlasX + width, v1 = solid ? half : atlasY + height;
        int k = 0;
        Corner(v, ref k, x, y, u0, v0, colour);
        Corner(v, ref k, x + width, y, u1, v0, colour);
        Corner(v, ref k, x, y + height, u0, v1, colour);
        Corner(v, ref k, x + width, y, u1, v0, colour);
        Corner(v, ref k, x + width, y + height, u1, v1, colour);
        Corner(v, ref k, x, y + height, u0, v1, colour);
        _quads++;
    }

    private static void Corner(Span<float> v, ref int k, float x, float y, float u, float t, Rgba colour)
    {
        v[k] = x; v[k + 1] = y; v[k + 2] = u; v[k + 3] = t;
        v[k + 4] = colour.R; v[k + 5] = colour.G; v[k + 6] = colour.B; v[k + 7] = colour.A;
        k += FloatsPerVertex;
    }

    /// <summary>Deletes the program, buffer and vertex array (not the atlas). Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_stream.IsDisposed) return;
        _program.Dispose();
        _stream.Dispose();
    }
}
