using System.Globalization;
using System.Text.RegularExpressions;
using RealtimeConv.Imaging;

namespace RealtimeConv.Tests.Imaging;

/// <summary>Every sample photo in media/ decodes to the size media/CREDITS.md states, and every one is credited.</summary>
public sealed partial class MediaTests
{
    private static readonly string MediaFolder = Path.Combine(FindRepositoryRoot(), "media");

    public static TheoryData<string, int, int, int> CreditedFiles()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (var (name, width, height, components) in ReadCredits()) data.Add(name, width, height, components);
        return data;
    }

    [Theory]
    [MemberData(nameof(CreditedFiles))]
    public void DecodesToTheCreditedSize(string name, int width, int height, int components)
    {
        var image = ImageLoader.Load(Path.Combine(MediaFolder, name));

        Assert.Equal((width, height, components), (image.Width, image.Height, image.Components));
        // A real photograph is not one flat colour: the decode produced picture content.
        Assert.True(image.Pixels.Pixels.Distinct().Count() > 32, $"{name} has almost no distinct values");
    }

    [Fact]
    public void EveryImageInMediaIsCreditedAndOneIsAtLeast1024Wide()
    {
        var listed = ImageFolder.List(MediaFolder).Files.Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var credits = ReadCredits().ToList();

        Assert.Equal(credits.Select(c => c.Name).Order(StringComparer.Ordinal), listed);
        Assert.Contains(credits, c => Math.Min(c.Width, c.Height) >= 1024);
        long total = Directory.GetFiles(MediaFolder).Sum(f => new FileInfo(f).Length);
        Assert.True(total < 8L * 1024 * 1024, $"media/ holds {total} bytes");
    }

    private static IEnumerable<(string Name, int Width, int Height, int Components)> ReadCredits()
    {
        foreach (string line in File.ReadLines(Path.Combine(MediaFolder, "CREDITS.md")))
        {
            var m = CreditRow().Match(line);
            if (!m.Success) continue;
            int components = m.Groups["kind"].Value == "RGB" ? 3 : 1;
            yield return (m.Groups["name"].Value, int.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture), components);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "media", "CREDITS.md"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no media/CREDITS.md above {AppContext.BaseDirectory}");
    }

    // | `astronaut.png` | 512×512, RGB 8-bit | ...
    [GeneratedRegex(@"^\| `(?<name>[^`]+)` \| (?<w>\d+)×(?<h>\d+), (?<kind>RGB|gray) ")]
    private static partial Regex CreditRow();
}
