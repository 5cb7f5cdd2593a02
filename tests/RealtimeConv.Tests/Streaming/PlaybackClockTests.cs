using RealtimeConv.Viewer.Streaming;

namespace RealtimeConv.Tests.Streaming;

/// <summary>Playback arithmetic: how many images each frame moves, for every mode, paused or behind.</summary>
public sealed class PlaybackClockTests
{
    [Fact]
    public void HoldNeverMoves()
    {
        var clock = new PlaybackClock(PlaybackMode.Hold, 0);
        Assert.Equal(0, clock.Advance(0.016));
        Assert.Equal(0, clock.Advance(3600));
        Assert.Equal(0, clock.Dropped);
    }

    [Fact]
    public void SlideshowMovesOncePerPeriodAndKeepsTheRemainder()
    {
        var clock = new PlaybackClock(PlaybackMode.Slideshow, 2);
        Assert.Equal(0, clock.Advance(1.0));
        Assert.Equal(1, clock.Advance(1.0));
        Assert.Equal(1, clock.Advance(2.5));   // 0.5 s into the next slide
        Assert.Equal(0, clock.Advance(1.0));
        Assert.Equal(1, clock.Advance(0.5));   // 0.5 + 1.0 + 0.5 = 2
        Assert.Equal(0, clock.Dropped);
    }

    [Fact]
    public void SlideshowShowsEverySlideAfterAStall()
    {
        var clock = new PlaybackClock(PlaybackMode.Slideshow, 2);
        Assert.Equal(1, clock.Advance(10));    // one slide, not five
        Assert.Equal(0, clock.Advance(1.9));   // the next slide gets its full time
        Assert.Equal(1, clock.Advance(0.1));
        Assert.Equal(0, clock.Dropped);
    }

    [Fact]
    public void SequenceAtItsOwnRateMovesEveryFrameWithoutDrift()
    {
        var clock = PlaybackClock.FromFps(30);
        for (int frame = 0; frame < 3000; frame++) Assert.Equal(1, clock.Advance(1.0 / 30));
        Assert.Equal(0, clock.Dropped);
    }

    [Fact]
    public void SequenceOnAFasterDisplayKeepsTheVideoRate()
    {
        // 24 images a second on a 60 Hz display: 10 s of frames move exactly 240 images, none skipped.
        var clock = PlaybackClock.FromFps(24);
        long moved = 0;
        for (int frame = 0; frame < 600; frame++)
        {
            int steps = clock.Advance(1.0 / 60);
            Assert.InRange(steps, 0, 1);
            moved += steps;
        }
        Assert.Equal(240, moved);
        Assert.Equal(0, clock.Dropped);
    }

    [Fact]
    public void SequenceCatchesUpBySkippingAndCountsTheSkips()
    {
        var clock = PlaybackClock.FromFps(30);
        Assert.Equal(1, clock.Advance(1.0 / 30));
        Assert.Equal(3, clock.Advance(0.1));   // a 100 ms frame: three images due, two never shown
        Assert.Equal(2, clock.Dropped);
        Assert.Equal(1, clock.Advance(1.0 / 30));
        Assert.Equal(2, clock.Dropped);
    }

    [Fact]
    public void PausedTimeDoesNotCount()
    {
        var clock = PlaybackClock.FromFps(10);
        Assert.Equal(0, clock.Advance(0.05));
        clock.Paused = true;
        Assert.Equal(0, clock.Advance(5));
        clock.Paused = false;
        Assert.Equal(0, clock.Advance(0.04));  // 0.09 s played: still image 0
        Assert.Equal(1, clock.Advance(0.01));
        Assert.Equal(0, clock.Dropped);

        var slides = new PlaybackClock(PlaybackMode.Slideshow, 1) { Paused = true };
        Assert.Equal(0, slides.Advance(5));
        slides.Paused = false;
        Assert.Equal(1, slides.Advance(1));
    }

    [Fact]
    public void ResetGivesTheCurrentImageItsFullTime()
    {
        var clock = new PlaybackClock(PlaybackMode.Slideshow, 1);
        Assert.Equal(0, clock.Advance(0.9));
        clock.Reset();
        Assert.Equal(0, clock.Advance(0.9));
        Assert.Equal(1, clock.Advance(0.1));
    }

    [Fact]
    public void BadTimesAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlaybackClock(PlaybackMode.Slideshow, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlaybackClock(PlaybackMode.Sequence, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaybackClock.FromFps(-1));
        var clock = PlaybackClock.FromFps(30);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-0.001));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(double.NaN));
    }
}
