using RealtimeConv.Imaging;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Display;

/// <summary>Reads the current read framebuffer (the back buffer in the window) into an image, for screenshots and tests.</summary>
public static class FramebufferCapture
{
    /// <summary>
    /// <c>glReadPixels</c> of the <paramref name="width"/>×<paramref name="height"/> framebuffer as RGB,
    /// flipped so row 0 is the top (GL's row 0 is the bottom). Waits for the GPU.
    /// </summary>
    public static PixelImage ReadRgb(GL gl, int width, int height) => Read(gl, width, height, 3);

    /// <summary>As <see cref="ReadRgb"/>, with alpha.</summary>
    public static PixelImage ReadRgba(GL gl, int width, int height) => Read(gl, width, height, 4);

    private static PixelImage Read(GL gl, int width, int height, int components)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var bottomUp = new byte[width * height * components];
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        gl.ReadPixels<byte>(0, 0, (uint)width, (uint)height, components == 3 ? PixelFormat.Rgb : PixelFormat.Rgba, PixelType.UnsignedByte, bottomUp);
        gl.PixelStore(PixelStoreParameter.PackAlignment, 4);
        var image = new PixelImage(width, height, components);
        int row = width * components;
        for (int y = 0; y < height; y++)
            Array.Copy(bottomUp, (height - 1 - y) * row, image.Pixels, y * row, row);
        return image;
    }
}
