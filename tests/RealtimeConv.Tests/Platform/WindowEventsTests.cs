using RealtimeConv.Platform.Windowing;

namespace RealtimeConv.Tests.Platform;

/// <summary>Resizes, fullscreen, title and failing handlers, driven from outside through the X server.</summary>
[Collection(WindowCollection.Name)]
public sealed class WindowEventsTests(XvfbDisplay display)
{
    [Fact]
    public void ResizeByTheWindowSystemRaisesResizeAndFramebufferResize()
    {
        display.UseForThisProcess();
        var xdo = new XdoTool(display);
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "resize test", Size = new(320, 240) });
            var sizes = new List<Extent>();
            var framebufferSizes = new List<Extent>();
            window.Resize += sizes.Add;
            window.FramebufferResize += framebufferSizes.Add;
            string id = xdo.FindWindowByName("resize test");
            xdo.Resize(id, 400, 300);
            WindowPolling.Until(window, () => framebufferSizes.Contains(new Extent(400, 300)), "FramebufferResize to 400×300");
            WindowPolling.Until(window, () => sizes.Contains(new Extent(400, 300)), "Resize to 400×300");
            Assert.Equal(new Extent(400, 300), window.Size);
            Assert.Equal(new Extent(400, 300), window.FramebufferSize);
        });
    }

    [Fact]
    public void FullscreenCoversTheScreenAndWindowedRestoresTheSize()
    {
        display.UseForThisProcess();
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "fullscreen test", Size = new(320, 240) });
            var screen = new Extent(XvfbDisplay.ScreenWidth, XvfbDisplay.ScreenHeight);
            Assert.False(window.IsFullscreen);
            window.IsFullscreen = true;
            WindowPolling.Until(window, () => window.FramebufferSize == screen, $"the framebuffer to grow to {screen}");
            Assert.True(window.IsFullscreen);
            window.IsFullscreen = false;
            WindowPolling.Until(window, () => window.FramebufferSize == new Extent(320, 240), "the framebuffer to shrink back to 320×240");
            Assert.False(window.IsFullscreen);
            Assert.Equal(new Extent(320, 240), window.Size);
        });
    }

    [Fact]
    public void WindowCreatedFullscreenCoversTheScreen()
    {
        display.UseForThisProcess();
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "fullscreen start test", Size = new(320, 240), Fullscreen = true });
            var screen = new Extent(XvfbDisplay.ScreenWidth, XvfbDisplay.ScreenHeight);
            WindowPolling.Until(window, () => window.FramebufferSize == screen, $"the framebuffer to be {screen}");
            Assert.True(window.IsFullscreen);
            window.IsFullscreen = false;
            WindowPolling.Until(window, () => window.FramebufferSize == new Extent(320, 240), "the windowed size 320×240");
        });
    }

    [Fact]
    public void TitleChangeReachesTheWindowSystem()
    {
        display.UseForThisProcess();
        var xdo = new XdoTool(display);
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "title test", Size = new(160, 120) });
            string id = xdo.FindWindowByName("title test");
            // GLFW sets _NET_WM_PID, so a viewer started as a child process can be found by its pid.
            Assert.Equal(id, xdo.FindWindowByPid(Environment.ProcessId));
            window.Title = "title test: renamed ✓";
            window.DoEvents();
            Assert.Equal("title test: renamed ✓", window.Title);
            Assert.Equal("title test: renamed ✓", xdo.Xdotool("getwindowname", id).TrimEnd('\n'));
        });
    }

    [Fact]
    public void ExceptionInAHandlerComesOutOfDoEvents()
    {
        display.UseForThisProcess();
        var xdo = new XdoTool(display);
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "handler failure test", Size = new(160, 120) });
            window.FramebufferResize += size => throw new InvalidDataException($"handler saw {size}");
            string id = xdo.FindWindowByName("handler failure test");
            xdo.Resize(id, 200, 150);
            var error = Assert.Throws<InvalidDataException>(() =>
                WindowPolling.Until(window, () => false, "the failing handler's exception"));
            Assert.Equal("handler saw Extent { Width = 200, Height = 150 }", error.Message);
            // The window keeps working after a handler failed.
            window.DoEvents();
            Assert.Equal(new Extent(200, 150), window.FramebufferSize);
        });
    }
}
