using System.Globalization;

namespace RealtimeConv.App.Run;

/// <summary>
/// The progress bar of <c>rtconv run</c>, drawn on one stderr line with carriage returns:
/// <c>[##########··········] 12/30 in/img12.png</c>. It is drawn only when stderr is a terminal; redirected, the
/// per-image lines on stdout are the progress. The bar is cleared before every line printed, so it never
/// splits one, and redrawn after.
/// </summary>
internal sealed class RunProgress
{
    /// <summary>Characters of the bar between the brackets.</summary>
    private const int BarWidth = 24;

    /// <summary>Longest image name shown; longer names keep their end (the file name).</summary>
    private const int NameWidth = 40;

    private readonly TextWriter? _terminal;
    private readonly int _total;
    private int _lastLength;

    /// <summary>A bar drawn on <paramref name="terminal"/> (null: draw nothing) for <paramref name="total"/> images.</summary>
    public RunProgress(TextWriter? terminal, int total)
    {
        _terminal = terminal;
        _total = total;
    }

    /// <summary>A bar on <paramref name="error"/> when it is the process's stderr and that is a terminal, otherwise a silent one.</summary>
    public static RunProgress For(TextWriter error, int total) =>
        new(ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? error : null, total);

    /// <summary>Draws the bar after <paramref name="done"/> images, the last being <paramref name="name"/>.</summary>
    public void Draw(int done, string name)
    {
        if (_terminal is null || _total == 0) return;
        int filled = (int)((long)BarWidth * done / _total);
        string shown = name.Length <= NameWidth ? name : "…" + name[^(NameWidth - 1)..];
        string text = $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {done.ToString(CultureInfo.InvariantCulture)}/{_total.ToString(CultureInfo.InvariantCulture)} {shown}";
        // Pad over the previous, possibly longer, text so nothing of it remains on the line.
        _terminal.Write("\r" + text.PadRight(_lastLength));
        _terminal.Flush();
        _lastLength = text.Length;
    }

    /// <summary>Erases the bar, leaving the cursor at the start of an empty line.</summary>
    public void Clear()
    {
        if (_terminal is null || _lastLength == 0) return;
        _terminal.Write("\r" + new string(' ', _lastLength) + "\r");
        _terminal.Flush();
        _lastLength = 0;
    }
}
