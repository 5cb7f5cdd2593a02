using RealtimeConv.Platform.Glfw;
using RealtimeConv.Platform.Input;
using RealtimeConv.Platform.Windowing;

namespace RealtimeConv.Tests.Platform;

/// <summary>Keys typed with xdotool into an Xvfb window arrive as KeyDown/KeyUp with Silk.NET's key names.</summary>
[Collection(WindowCollection.Name)]
public sealed class KeyboardTests(XvfbDisplay display)
{
    [Theory]
    [InlineData("Right", Key.Right)]
    [InlineData("k", Key.K)]
    [InlineData("1", Key.Number1)]
    [InlineData("Escape", Key.Escape)]
    [InlineData("space", Key.Space)]
    [InlineData("F5", Key.F5)]
    public void PressedKeyArrivesAsKeyDownThenKeyUp(string keysym, Key expected)
    {
        display.UseForThisProcess();
        var xdo = new XdoTool(display);
        var events = WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = $"key test {keysym}", Size = new(160, 120) });
            var seen = new List<(string Kind, Key Key, int Scancode)>();
            window.Keyboard.KeyDown += (keyboard, key, scancode) => { Assert.Same(window.Keyboard, keyboard); seen.Add(("down", key, scancode)); };
            window.Keyboard.KeyUp += (keyboard, key, scancode) => { Assert.Same(window.Keyboard, keyboard); seen.Add(("up", key, scancode)); };
            string id = xdo.FindWindowByName($"key test {keysym}");
            xdo.PressKey(id, keysym);
            WindowPolling.Until(window, () => seen.Any(e => e.Kind == "up"), $"the release of '{keysym}'");
            return seen;
        });

        Assert.Equal(2, events.Count);
        Assert.Equal(("down", expected), (events[0].Kind, events[0].Key));
        Assert.Equal(("up", expected), (events[1].Kind, events[1].Key));
        Assert.Equal(events[0].Scancode, events[1].Scancode);
        Assert.True(events[0].Scancode > 0, $"scancode {events[0].Scancode}");
    }

    [Fact]
    public void KeySentToAnUnfocusedWindowArrivesToo()
    {
        // xdotool key --window uses XSendEvent instead of XTEST: no focus needed, and GLFW accepts it.
        display.UseForThisProcess();
        var xdo = new XdoTool(display);
        var keys = WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "sent key test", Size = new(160, 120) });
            var seen = new List<Key>();
            window.Keyboard.KeyDown += (_, key, _) => seen.Add(key);
            window.Keyboard.KeyUp += (_, key, _) => seen.Add(key);
            string id = xdo.FindWindowByName("sent key test");
            xdo.SendKey(id, "Left");
            WindowPolling.Until(window, () => seen.Count == 2, "the press and release of 'Left'");
            return seen;
        });
        Assert.Equal([Key.Left, Key.Left], keys);
    }

    [Fact]
    public void HeldKeyIsPressedUntilReleased()
    {
        display.UseForThisProcess();
        var xdo = new XdoTool(display);
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "held key test", Size = new(160, 120) });
            int downs = 0, ups = 0;
            window.Keyboard.KeyDown += (_, _, _) => downs++;
            window.Keyboard.KeyUp += (_, _, _) => ups++;
            string id = xdo.FindWindowByName("held key test");
            Assert.False(window.Keyboard.IsKeyPressed(Key.A));
            xdo.Xdotool("windowfocus", "--sync", id, "keydown", "a");
            WindowPolling.Until(window, () => downs > 0, "the press of 'a'");
            Assert.True(window.Keyboard.IsKeyPressed(Key.A));
            Assert.False(window.Keyboard.IsKeyPressed(Key.B));
            Assert.False(window.Keyboard.IsKeyPressed(Key.Unknown));
            xdo.Xdotool("keyup", "a");
            WindowPolling.Until(window, () => ups > 0, "the release of 'a'");
            Assert.False(window.Keyboard.IsKeyPressed(Key.A));
            Assert.Equal(1, downs);
        });
    }

    [Fact]
    public void AutoRepeatRaisesNoSecondKeyDown()
    {
        display.UseForThisProcess();
        WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "repeat test", Size = new(160, 120), Visible = false });
            var seen = new List<string>();
            window.Keyboard.KeyDown += (_, key, _) => seen.Add($"down {key}");
            window.Keyboard.KeyUp += (_, key, _) => seen.Add($"up {key}");
            // GLFW's actions as its key callback delivers them: press, two auto-repeats, release.
            var glfw = (GlfwWindow)window;
            glfw.OnKey((int)Key.Up, 111, 1);
            glfw.OnKey((int)Key.Up, 111, 2);
            glfw.OnKey((int)Key.Up, 111, 2);
            glfw.OnKey((int)Key.Up, 111, 0);
            Assert.Equal(["down Up", "up Up"], seen);
        });
    }

    [Fact]
    public void KeyCodesAreGlfwsAndNamesAreSilkNets()
    {
        // glfw3.h: GLFW_KEY_SPACE 32, GLFW_KEY_0 48, GLFW_KEY_A 65, GLFW_KEY_ESCAPE 256, GLFW_KEY_RIGHT 262,
        // GLFW_KEY_F1 290, GLFW_KEY_F12 301, GLFW_KEY_KP_0 320, GLFW_KEY_LEFT_SHIFT 340, GLFW_KEY_MENU 348.
        Assert.Equal(
            [32, 39, 48, 57, 65, 90, 256, 257, 258, 259, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 301, 320, 340, 348],
            new[]
            {
                Key.Space, Key.Apostrophe, Key.Number0, Key.Number9, Key.A, Key.Z, Key.Escape, Key.Enter, Key.Tab, Key.Backspace,
                Key.Insert, Key.Delete, Key.Right, Key.Left, Key.Down, Key.Up, Key.PageUp, Key.PageDown, Key.Home, Key.End,
                Key.F1, Key.F12, Key.Keypad0, Key.ShiftLeft, Key.Menu,
            }.Select(k => (int)k));
        Assert.Equal(-1, (int)Key.Unknown);
    }
}
