namespace RealtimeConv.Tests.Platform;

/// <summary>The Xvfb fixture itself: a missing server is a failure that names the packages, never a skip.</summary>
[Collection(WindowCollection.Name)]
public sealed class XvfbDisplayTests(XvfbDisplay display)
{
    [Fact]
    public void MissingServerFailsNamingThePackagesToInstall()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new XvfbDisplay("Xvfb-missing"));
        Assert.Equal("Xvfb-missing is not installed: apt-get install xvfb libglfw3 xdotool imagemagick", error.Message);
    }

    /// <summary>
    /// Where the stopped server of <see cref="StoppedServerLeavesNoLockFileOrSocketBehind"/> runs: the collection
    /// fixtures (this one's and the viewer's, started in parallel) take the first free number from :90, so one of
    /// them could take the number that test has just freed and hold a lock file of its own there.
    /// </summary>
    private const int StoppedServerNumbers = 300;

    [Fact]
    public void StoppedServerLeavesNoLockFileOrSocketBehind()
    {
        var second = new XvfbDisplay("Xvfb", StoppedServerNumbers);
        int number = second.Number;
        Assert.NotEqual(display.Number, number);
        Assert.True(File.Exists($"/tmp/.X{number}-lock"), "Xvfb holds its lock file while it runs");
        second.Dispose();
        Assert.False(File.Exists($"/tmp/.X{number}-lock"), $"/tmp/.X{number}-lock left behind");
        Assert.False(File.Exists($"/tmp/.X11-unix/X{number}"), $"/tmp/.X11-unix/X{number} left behind");
    }

    [Fact]
    public void DisplayAnswersWithTheScreenItWasStartedWith()
    {
        display.EnsureRunning();
        Assert.Equal($":{display.Number}", display.DisplayName);
        Assert.True(File.Exists($"/tmp/.X{display.Number}-lock"), "Xvfb holds its lock file while it runs");
        var xdo = new XdoTool(display);
        Assert.Equal($"{XvfbDisplay.ScreenWidth} {XvfbDisplay.ScreenHeight}", xdo.Xdotool("getdisplaygeometry").Trim());
    }
}
