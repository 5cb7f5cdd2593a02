using RealtimeConv.Tests.Gpu;
using RealtimeConv.Viewer.Display;
using Silk.NET.OpenGL;

namespace RealtimeConv.Tests.Display;

/// <summary>The image quad puts texture row 0 at the top, and FramebufferCapture reads top row first.</summary>
[Collection(GpuCollection.Name)]
public sealed class TextureQuadTests(GpuFixture gpu)
{
    [Fact]
    public void TextureLandsOnItsRectangleTopRowFirst()
    {
        // A 3×2 image, each pixel a distinct colour, drawn 1:1 and 2× with nearest filtering.
        byte[] pixels = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 0, 255, 0, 255, 255, 255, 255, 0, 255, 255];
        var (rgb, rgba) = gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            var gl = device.Gl;
            int before = device.Objects.Total;
            uint texture = gl.GenTexture();
            gl.BindTexture(TextureTarget.Texture2D, texture);
            gl.TexImage2D<byte>(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, 3, 2, 0, PixelFormat.Rgba, PixelType.UnsignedByte, pixels);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
            try
            {
                using (var quad = new TextureQuad(device, DisplayTestKit.ShaderDirectory))
                using (var target = new OffscreenFramebuffer(device, 12, 8))
                {
                    target.Clear(0, 0, 0);
                    quad.Draw(texture, new PixelRect(1, 1, 3, 2), 12, 8);
                    quad.Draw(texture, new PixelRect(5, 3, 6, 4), 12, 8);
                    var result = (FramebufferCapture.ReadRgb(gl, 12, 8), target.ReadRgba());
                    target.Unbind();
                    return result;
                }
            }
            finally
            {
                gl.DeleteTexture(texture);
                Assert.Equal(before, device.Objects.Total);
            }
        });
        Assert.Equal(3, rgb.Components);
        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 3; x++)
            {
                var expected = pixels.AsSpan((y * 3 + x) * 4, 3).ToArray();
                Assert.Equal(expected, rgb.Pixels.AsSpan(rgb.IndexOf(1 + x, 1 + y), 3).ToArray());
                Assert.Equal(expected, rgba.Pixels.AsSpan(rgba.IndexOf(1 + x, 1 + y), 3).ToArray());
                for (int sy = 0; sy < 2; sy++)
                    for (int sx = 0; sx < 2; sx++)
                        Assert.Equal(expected, rgb.Pixels.AsSpan(rgb.IndexOf(5 + 2 * x + sx, 3 + 2 * y + sy), 3).ToArray());
            }
        // Outside both rectangles stays black.
        Assert.Equal(new byte[] { 0, 0, 0 }, rgb.Pixels.AsSpan(rgb.IndexOf(0, 0), 3).ToArray());
        Assert.Equal(new byte[] { 0, 0, 0 }, rgb.Pixels.AsSpan(rgb.IndexOf(11, 7), 3).ToArray());
        Assert.Equal(new byte[] { 0, 0, 0 }, rgb.Pixels.AsSpan(rgb.IndexOf(4, 3), 3).ToArray());
    }
}
