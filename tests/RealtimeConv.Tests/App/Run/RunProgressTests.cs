using RealtimeConv.App.Run;

namespace RealtimeConv.Tests.App.Run;

/// <summary>The terminal progress bar of `rtconv run`.</summary>
public sealed class RunProgressTests
{
    [Fact]
    public void TheBarFillsInProportionOverwritesItsLineAndClearsToAnEmptyLine()
    {
        var terminal = new StringWriter();
        var progress = new RunProgress(terminal, total: 4);

        progress.Draw(1, "in/a-rather-long-image-name.png");
        progress.Draw(4, "b.png");
        string drawn = terminal.ToString();
        progress.Clear();

        string[] frames = drawn.Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("[######..................] 1/4 in/a-rather-long-image-name.png", frames[0]);
        // The shorter second frame is padded over the first, so nothing of it remains.
        Assert.Equal("[########################] 4/4 b.png".PadRight(frames[0].Length), frames[1]);
        Assert.DoesNotContain('\n', terminal.ToString());
        Assert.EndsWith("\r" + new string(' ', "[########################] 4/4 b.png".Length) + "\r", terminal.ToString());
    }

    [Fact]
    public void WithoutATerminalNothingIsWritten()
    {
        var redirected = new StringWriter();
        var progress = RunProgress.For(redirected, total: 3);

        progress.Draw(1, "a.png");
        progress.Clear();

        Assert.Equal("", redirected.ToString());
    }
}
