using System.Diagnostics;
using RealtimeConv.Platform.Windowing;

namespace RealtimeConv.Tests.Platform;

/// <summary>Waits for an X event to reach a window: polls its events until a condition holds.</summary>
public static class WindowPolling
{
    /// <summary>How long an event may take to arrive; generous, as X servers on loaded CI machines can be slow.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Calls <see cref="IWindow.DoEvents"/> until <paramref name="condition"/> holds; fails naming <paramref name="what"/> otherwise.</summary>
    public static void Until(IWindow window, Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            window.DoEvents();
            if (condition()) return;
            if (clock.Elapsed > Timeout) Assert.Fail($"waited {Timeout.TotalSeconds:0} s for {what}");
            Thread.Sleep(5);
        }
    }
}
