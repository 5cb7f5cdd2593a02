using System.CommandLine;
using RealtimeConv.App;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Commands;

/// <summary>
/// `rtconv run` over one folder that mixes good images with every kind of bad input: the good ones are
/// written, each bad one is named with its reason, the exit code says some inputs failed, and no input
/// changes by a byte.
/// </summary>
public sealed class RunBadInputTests
{
    [Fact]
    public void AFolderOfGoodAndBadInputsWritesTheGoodNamesTheBadAndExitsOne()
    {
        using var temp = new TempFolder();
        var rgb = TestImages.Pattern(12, 9, 3, seed: 1);
        byte[] png = TestImages.StbPng(rgb, 12, 9, 3);
        byte[] jpeg = TestImages.StbJpeg(rgb, 12, 9, 3);
        var sixteenBit = new byte[3 * 3 * 2 * 2]; // 3×2 pixels, RGB, 2 bytes per sample
        for (int i = 0; i < sixteenBit.Length; i++) sixteenBit[i] = (byte)(i * 37);
        byte[] palette = [255, 0, 0, 0, 255, 0, 0, 0, 255];

        Directory.CreateDirectory(temp.File("in"));
        temp.Write("in/good.png", png);
        temp.Write("in/sixteen.png", TestImages.RawPng(3, 2, 16, 2, sixteenBit));
        temp.Write("in/palette.png", TestImages.RawPng(3, 2, 8, 3, [0, 1, 2, 2, 1, 0], palette));
        temp.Write("in/cut.png", png[..(png.Length * 6 / 10)]);
        temp.Write("in/cut.jpg", jpeg[..(jpeg.Length / 2)]);
        temp.Write("in/empty.png", []);
        temp.Write("in/notes.png", TestImages.Text("this is a text file, not a picture\n"));
        temp.Write("in/huge.png", TestImages.PngHeaderOnly(100_000, 100_000));
        Directory.CreateDirectory(temp.File("in/folder.png"));
        var before = Directory.GetFiles(temp.File("in")).ToDictionary(f => f, File.ReadAllBytes);

        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Program.BuildRootCommand()
            .Parse(["run", temp.File("in"), "--out", temp.File("out"), "--backend", "cpu-ref", "--pipeline", "edges"])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(1, exit);
        string[] expectedFiles =
        [
            "good.png.separable.png", "good.png.standard.png",
            "palette.png.separable.png", "palette.png.standard.png",
            "report.json",
            "sixteen.png.separable.png", "sixteen.png.standard.png",
        ];
        Assert.Equal(expectedFiles, Directory.GetFiles(temp.File("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // One line per bad file, naming it and the reason; listed again at the end.
        string err = error.ToString();
        foreach (var (file, reason) in new[]
                 {
                     ("cut.png", "truncated"), ("cut.jpg", "truncated"), ("empty.png", "empty file (0 bytes)"),
                     ("notes.png", "not an image"), ("huge.png", "too large"),
                 })
        {
            var lines = err.Split('\n').Where(l => l.Contains(file + ": " + reason, StringComparison.Ordinal)).ToArray();
            Assert.True(lines.Length >= 1, $"no line names {file} with '{reason}' in:\n{err}");
        }
        Assert.Contains("folder.png", output.ToString() + err); // a folder named like an image is skipped with a note
        Assert.DoesNotContain("Exception", err);

        foreach (var (path, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(path));
    }
}
