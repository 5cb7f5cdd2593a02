using RealtimeConv.Platform.Glfw;
using RealtimeConv.Platform.Windowing;

namespace RealtimeConv.Tests.Platform;

/// <summary>Why a window cannot be made, said in one line; and a window's thread and process rules.</summary>
[Collection(WindowCollection.Name)]
public sealed class WindowSupportTests(XvfbDisplay display)
{
    [Fact]
    public void WindowCanBeMadeOnTheXvfbDisplay()
    {
        display.UseForThisProcess();
        Assert.Null(WindowSupport.WhyUnavailable());
    }

    [Fact]
    public void NoDisplayIsTheReasonWhenDisplayIsEmpty()
    {
        using var noX11 = ProcessEnvironment.Scoped("DISPLAY", "");
        using var noWayland = ProcessEnvironment.Scoped("WAYLAND_DISPLAY", null);
        string? reason = WindowSupport.WhyUnavailable();
        Assert.NotNull(reason);
        Assert.StartsWith("no display: ", reason);
        Assert.DoesNotContain('\n', reason);
        var error = Assert.Throws<PlatformUnavailableException>(() => Window.Create(new WindowOptions()));
        Assert.Equal(reason, error.Message);
    }

    [Fact]
    public void MissingLibraryIsTheReasonWhenGlfwCannotBeLoaded()
    {
        display.UseForThisProcess();
        string? reason = WindowSupport.WhyUnavailable("libglfw-missing.so.9");
        Assert.NotNull(reason);
        Assert.Contains("libglfw-missing.so.9", reason);
        Assert.Contains("install libglfw3 (apt-get install libglfw3)", reason);
        var error = Assert.Throws<PlatformUnavailableException>(() => GlfwWindow.Create(new WindowOptions(), "libglfw-missing.so.9"));
        Assert.Equal(reason, error.Message);
    }

    [Fact]
    public void GlfwsOwnErrorIsTheReasonWhenTheDisplayDoesNotAnswer()
    {
        // A display number with no server behind it: glfwInit fails and says why.
        int number = display.Number + 1;
        while (File.Exists($"/tmp/.X11-unix/X{number}")) number++;
        using var deadDisplay = ProcessEnvironment.Scoped("DISPLAY", $":{number}");
        string? reason = WindowSupport.WhyUnavailable();
        Assert.NotNull(reason);
        Assert.StartsWith("glfwInit failed: ", reason);
        Assert.Contains($"Failed to open display :{number}", reason);
        var error = Assert.Throws<PlatformUnavailableException>(() => WindowThread.Run(() => Window.Create(new WindowOptions())));
        Assert.Equal(reason, error.Message);
    }

    [Fact]
    public void ContextNoDriverOffersIsRefusedWithGlfwsReasonAndLeavesGlfwClean()
    {
        display.UseForThisProcess();
        // OpenGL 5.0 does not exist: GLFW accepts the hint, the driver refuses the context.
        var error = Assert.Throws<PlatformUnavailableException>(() =>
            WindowThread.Run(() => Window.Create(new WindowOptions { Title = "gl 5 test", GlMajor = 5, GlMinor = 0, Visible = false })));
        Assert.StartsWith("window 'gl 5 test': no OpenGL 5.0 core context", error.Message);
        Assert.Contains("GLX", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        // The failed attempt terminated GLFW again: a window can still be made.
        Assert.Null(WindowSupport.WhyUnavailable());
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "after gl 5 test", Size = new(64, 64), Visible = false });
            Assert.False(window.IsClosing);
        });
    }

    [Fact]
    public void SecondWindowIsRefusedAndTheFirstKeepsWorking()
    {
        display.UseForThisProcess();
        WindowThread.Run(() =>
        {
            using var first = Window.Create(new WindowOptions { Title = "first window", Size = new(160, 120), Visible = false });
            var error = Assert.Throws<InvalidOperationException>(() => Window.Create(new WindowOptions { Title = "second window" }));
            Assert.Contains("another GLFW window is open", error.Message);
            // Asking whether windows work must not terminate GLFW under the live window either.
            Assert.Null(WindowSupport.WhyUnavailable());
            first.DoEvents();
            Assert.False(first.IsClosing);
            Assert.Equal(new Extent(160, 120), first.FramebufferSize);
        });
        // Once the first is disposed, GLFW is terminated and a new window can be made.
        WindowThread.Run(() =>
        {
            using var next = Window.Create(new WindowOptions { Title = "next window", Size = new(160, 120), Visible = false });
            Assert.False(next.IsClosing);
        });
    }

    [Fact]
    public void WindowRefusesCallsFromAnotherThread()
    {
        display.UseForThisProcess();
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "thread test", Size = new(160, 120), Visible = false });
            var error = Assert.Throws<InvalidOperationException>(() => WindowThread.Run(window.DoEvents));
            Assert.Equal("window 'thread test': DoEvents called off the thread that created the window", error.Message);
        });
    }

    [Fact]
    public void DisposedWindowRefusesCallsAndDisposesTwiceQuietly()
    {
        display.UseForThisProcess();
        WindowThread.Run(() =>
        {
            var window = Window.Create(new WindowOptions { Title = "dispose test", Size = new(160, 120), Visible = false });
            window.Dispose();
            window.Dispose();
            Assert.Throws<ObjectDisposedException>(window.DoEvents);
            Assert.Throws<ObjectDisposedException>(window.GlContext.MakeCurrent);
        });
    }
}
