using System.Globalization;

namespace RealtimeConv.Viewer.Loop;

/// <summary>
/// One line on stdout for every state change ("view: mode=standard"), flushed at once, so that a test
/// (or a user piping the viewer) can follow what each key did.
/// </summary>
public sealed class ViewerLog(TextWriter output)
{
    /// <summary>Every line starts with this.</summary>
    public const string Prefix = "view: ";

    /// <summary>Writes "view: <paramref name="text"/>" and flushes.</summary>
    public void Line(string text)
    {
        lock (output)
        {
            output.WriteLine(Prefix + text);
            output.Flush();
        }
    }

    /// <summary>Writes "view: key=value".</summary>
    public void Change(string key, object value) => Line(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
