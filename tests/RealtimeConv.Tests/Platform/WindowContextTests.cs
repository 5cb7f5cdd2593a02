using RealtimeConv.Gpu;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Imaging;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Layers;
using RealtimeConv.Kernels;
using RealtimeConv.Platform.Windowing;
using RealtimeConv.Tensors;
using RealtimeConv.Tests.Gpu;
using Silk.NET.OpenGL;

namespace RealtimeConv.Tests.Platform;

/// <summary>
/// A window opens on Xvfb with an OpenGL 4.3+ core context current on its thread; the GPU passes run
/// in that context; what is drawn reaches the screen.
/// </summary>
[Collection(WindowCollection.Name)]
public sealed class WindowContextTests(XvfbDisplay display)
{
    /// <summary>One 8-bit step of colour: what the clear colour may lose between GL and the PNG.</summary>
    private const int ColourTolerance = 1;

    [Fact]
    public void WindowOpensWithACoreContextOfAtLeast43()
    {
        display.UseForThisProcess();
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "context test", Size = new(320, 240) });
            var gl = window.GlContext.Gl;
            gl.GetInteger(GetPName.MajorVersion, out int major);
            gl.GetInteger(GetPName.MinorVersion, out int minor);
            gl.GetInteger(GLEnum.ContextProfileMask, out int profile);
            gl.GetInteger(GLEnum.ContextFlags, out int flags);
            Assert.True(major * 10 + minor >= 43, $"OpenGL {major}.{minor} < 4.3: {window.GlContext.Description}");
            Assert.Equal((int)ContextProfileMask.CoreProfileBit, profile & (int)ContextProfileMask.CoreProfileBit);
            Assert.Equal((int)ContextFlagMask.ForwardCompatibleBit, flags & (int)ContextFlagMask.ForwardCompatibleBit);
            Assert.StartsWith("GLFW window (X11): ", window.GlContext.Description);
            Assert.Contains(gl.GetStringS(StringName.Renderer)!, window.GlContext.Description);
            Assert.Equal(new Extent(320, 240), window.Size);
            Assert.Equal(new Extent(320, 240), window.FramebufferSize);
            Assert.False(window.IsClosing);
            Assert.Equal("context test", window.Title);
        });
    }

    [Fact]
    public void GpuChainOnTheWindowContextMatchesTheReference()
    {
        display.UseForThisProcess();
        var random = new Random(5);
        var layer = ShaderReferenceTests.MakeLayer(random, "standard", 3, 5, 3, 1, Activation.Relu, true);
        var input = GpuAssert.RandomMap(random, 3, 13, 11);
        var expected = new ReferenceBackend().Prepare(layer).Run(input);

        var (renderer, actual) = WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "compute test", Size = new(64, 64), Visible = false });
            var device = new GpuDevice(window.GlContext);
            using var shaders = new ShaderLibrary(device, ShaderLibrary.DefaultDirectory);
            using var chain = new GpuChain(device, shaders, [layer]);
            chain.RunFrame(input);
            var output = new FeatureMap(layer.OutChannels, input.Height, input.Width);
            chain.Download(0, output);
            return (device.Info.Renderer, output);
        });

        Assert.False(string.IsNullOrWhiteSpace(renderer));
        GpuAssert.Close(expected, actual, $"{layer} on the GLFW window's context");
    }

    [Fact]
    public void ClearedWindowShowsItsColourOnTheScreen()
    {
        display.UseForThisProcess();
        var xdo = new XdoTool(display);
        string png = Path.Combine(Path.GetTempPath(), $"rtconv-window-{Guid.NewGuid():N}.png");
        try
        {
            WindowThread.Run(() =>
            {
                using var window = Window.Create(new WindowOptions { Title = "screenshot test", Size = new(200, 100) });
                string id = xdo.FindWindowByName("screenshot test");
                var gl = window.GlContext.Gl;
                // 51/255, 153/255, 204/255: exact in 8 bits, so the PNG can be compared byte for byte.
                gl.ClearColor(0.2f, 0.6f, 0.8f, 1f);
                gl.Clear(ClearBufferMask.ColorBufferBit);
                window.SwapBuffers();
                gl.Finish();
                window.DoEvents();
                XdoTool.ScreenShot(display, id, png);
            });
            var image = ImageLoader.Load(png).Pixels;
            Assert.Equal((200, 100), (image.Width, image.Height));
            foreach (var (x, y) in new[] { (0, 0), (100, 50), (199, 99) })
            {
                int at = (y * image.Width + x) * image.Components;
                var rgb = (image.Pixels[at], image.Pixels[at + 1], image.Pixels[at + 2]);
                Assert.True(Math.Abs(rgb.Item1 - 51) <= ColourTolerance && Math.Abs(rgb.Item2 - 153) <= ColourTolerance && Math.Abs(rgb.Item3 - 204) <= ColourTolerance,
                    $"pixel ({x}, {y}) is {rgb}, the clear colour is (51, 153, 204)");
            }
        }
        finally
        {
            File.Delete(png);
        }
    }
}
