using RealtimeConv.Platform.Windowing;

namespace RealtimeConv.Tests.Platform;

/// <summary>Run(): Load once, Update before Render every frame, Close ends it with Closing, and no allocation.</summary>
[Collection(WindowCollection.Name)]
public sealed class WindowLoopTests(XvfbDisplay display)
{
    private const int WarmUpFrames = 20, MeasuredFrames = 100;

    [Fact]
    public void RunRaisesLoadThenUpdateBeforeRenderEachFrameThenClosing()
    {
        display.UseForThisProcess();
        var events = WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "loop test", Size = new(160, 120), VSync = false });
            var seen = new List<string>();
            int frames = 0;
            window.Load += () => seen.Add("load");
            window.Update += dt =>
            {
                Assert.True(dt >= 0, $"update dt {dt}");
                seen.Add($"update {++frames}");
                if (frames == 3) window.Close();
            };
            window.Render += dt =>
            {
                Assert.True(dt >= 0, $"render dt {dt}");
                seen.Add($"render {frames}");
            };
            window.Closing += () => seen.Add($"closing, IsClosing={window.IsClosing}");
            window.Run();
            Assert.True(window.IsClosing);
            return seen;
        });

        Assert.Equal(["load", "update 1", "render 1", "update 2", "render 2", "update 3", "render 3", "closing, IsClosing=True"], events);
    }

    [Fact]
    public void RunOnAClosedWindowRaisesOnlyLoadAndClosing()
    {
        display.UseForThisProcess();
        var events = WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "closed loop test", Size = new(160, 120), Visible = false });
            var seen = new List<string>();
            window.Load += () => seen.Add("load");
            window.Update += _ => seen.Add("update");
            window.Render += _ => seen.Add("render");
            window.Closing += () => seen.Add("closing");
            window.Close();
            Assert.True(window.IsClosing);
            window.Run();
            return seen;
        });

        Assert.Equal(["load", "closing"], events);
    }

    [Fact]
    public void SteadyStateFrameLoopAllocatesNothing()
    {
        display.UseForThisProcess();
        long allocated = WindowThread.Run(() =>
        {
            using var window = Window.Create(new WindowOptions { Title = "allocation test", Size = new(160, 120), VSync = false });
            int frames = 0;
            long before = 0, after = 0;
            window.Update += _ =>
            {
                frames++;
                if (frames == WarmUpFrames) before = GC.GetAllocatedBytesForCurrentThread();
                if (frames == WarmUpFrames + MeasuredFrames)
                {
                    after = GC.GetAllocatedBytesForCurrentThread();
                    window.Close();
                }
            };
            window.Render += _ => { };
            window.Run();
            Assert.Equal(WarmUpFrames + MeasuredFrames, frames);
            return after - before;
        });

        Assert.Equal(0, allocated);
    }
}
