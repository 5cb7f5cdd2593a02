namespace RealtimeConv.App.Charts;

/// <summary>
/// The one font charts draw with: DejaVu Sans, shipped in <c>Fonts/</c> beside the program (licence in
/// <c>Fonts/LICENSE-DejaVu.txt</c>). Skia finds no font by itself on a bare machine, and a system font would
/// make the charts differ from machine to machine, so the file is registered with ScottPlot under a name no
/// system font has and every chart asks for that name.
/// </summary>
internal static class ChartFont
{
    /// <summary>The family name charts ask ScottPlot for.</summary>
    public const string Name = "RealtimeConv DejaVu Sans";

    /// <summary>Where the font file is expected: <c>Fonts/DejaVuSans.ttf</c> under the program's folder.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans.ttf");

    // ScottPlot keeps its font resolvers in a process-wide list; registering once (thread-safe, by Lazy)
    // keeps that list from growing with every chart.
    private static readonly Lazy<string> Registered = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the bundled font (once per process) and returns its name.</summary>
    /// <exception cref="FileNotFoundException">The font file is missing from the program's folder.</exception>
    public static string Ensure() => Registered.Value;

    private static string Register()
    {
        string path = FilePath;
        if (!File.Exists(path)) throw new FileNotFoundException($"chart font '{path}' is missing (it ships with rtconv in Fonts/)", path);
        ScottPlot.Fonts.AddFontFile(Name, path);
        return Name;
    }
}
