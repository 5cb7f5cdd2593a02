namespace RealtimeConv.Viewer.Streaming;

/// <summary>
/// Decides, frame by frame, how many images playback moves forward. It is fed the frame's duration instead
/// of reading a clock, so the frame loop (and a test) owns time.
/// </summary>
/// <remarks>
/// <para>Sequence keeps time like a video player: with t the playing time so far (the sum of the unpaused
/// frame durations) and p the period 1/fps, image ⌊t / p⌋ is due, and <see cref="Advance"/> returns how far
/// that is from the image shown. Counting from the total instead of restarting a timer each image means
/// rounding never drifts; a frame that took several periods returns several images, of which all but the
/// last are never shown and count as <see cref="Dropped"/>.</para>
/// <para>Slideshow never skips: it moves one image once a period has passed, keeps the remainder for the
/// next period (no drift at steady frame rates), and forgets time beyond one whole period after a stall,
/// since a slideshow that rushes through images to catch up helps no one.</para>
/// </remarks>
public sealed class PlaybackClock
{
    /// <summary>
    /// Slack when comparing time with a multiple of the period: summing frame durations of exactly 1/30 s
    /// gives 0.09999999999999999 after three frames, which must still count as three periods.
    /// </summary>
    private const double PeriodTolerance = 1e-9;

    private double _elapsed;   // Sequence: playing time since Reset; Slideshow: time into the current slide
    private long _shown;       // Sequence: images moved since Reset

    /// <summary>
    /// Creates a clock; <paramref name="seconds"/> is the time per image (Slideshow) or per frame, 1/fps
    /// (Sequence), and is not used by Hold.
    /// </summary>
    public PlaybackClock(PlaybackMode mode, double seconds)
    {
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown playback mode");
        if (mode != PlaybackMode.Hold && !(seconds > 0 && double.IsFinite(seconds)))
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"{mode} needs a positive, finite time per image");
        Mode = mode;
        Seconds = seconds;
    }

    /// <summary>Creates a Sequence clock playing <paramref name="fps"/> images a second.</summary>
    public static PlaybackClock FromFps(double fps) =>
        fps > 0 && double.IsFinite(fps) ? new(PlaybackMode.Sequence, 1.0 / fps) : throw new ArgumentOutOfRangeException(nameof(fps), fps, "--fps needs a positive number");

    /// <summary>The mode.</summary>
    public PlaybackMode Mode { get; }

    /// <summary>Seconds per image.</summary>
    public double Seconds { get; }

    /// <summary>Pauses playback (Space): time stops, <see cref="Advance"/> returns 0.</summary>
    public bool Paused { get; set; }

    /// <summary>Images skipped to keep time (Sequence only): moved past without being returned last by an <see cref="Advance"/>.</summary>
    public long Dropped { get; private set; }

    /// <summary>Fraction of the current image's time that has passed, 0..1 (a HUD progress bar); 0 for Hold.</summary>
    public double Progress => Mode switch
    {
        PlaybackMode.Hold => 0,
        PlaybackMode.Slideshow => Math.Clamp(_elapsed / Seconds, 0, 1),
        _ => Math.Clamp(_elapsed / Seconds - _shown, 0, 1),
    };

    /// <summary>
    /// Adds a frame of <paramref name="dtSeconds"/> and returns how many images to move forward: 0 for Hold
    /// or while paused; at most 1 for Slideshow; for Sequence as many as the time says.
    /// </summary>
    public int Advance(double dtSeconds)
    {
        if (!(dtSeconds >= 0 && double.IsFinite(dtSeconds)))
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), dtSeconds, "a frame lasts a finite, non-negative time");
        if (Mode == PlaybackMode.Hold || Paused) return 0;
        _elapsed += dtSeconds;
        if (Mode == PlaybackMode.Slideshow)
        {
            if (_elapsed + PeriodTolerance < Seconds) return 0;
            _elapsed -= Seconds;
            if (_elapsed + PeriodTolerance >= Seconds) _elapsed = 0; // a stall: do not owe the next slides
            return 1;
        }
        // Sequence: image ⌊t / p⌋ is due (with slack for the rounding of t).
        long due = (long)Math.Floor(_elapsed / Seconds + PeriodTolerance);
        long steps = due - _shown;
        if (steps <= 0) return 0;
        _shown = due;
        Dropped += steps - 1;
        return (int)Math.Min(steps, int.MaxValue);
    }

    /// <summary>Restarts the current image's time (the user stepped by hand: the new image gets its full time).</summary>
    public void Reset()
    {
        _elapsed = 0;
        _shown = 0;
    }
}
