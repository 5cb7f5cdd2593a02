using System.Text.Json;
using System.Text.RegularExpressions;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Commands;

/// <summary>`--jobs N`: images in parallel, outputs and report order as with one job.</summary>
public sealed partial class RunCommandTests
{
    [Fact]
    public void TwoJobsWriteByteIdenticalOutputsAndPrintTheSameLinesInInputOrder()
    {
        using var temp = new TempFolder();
        for (int i = 1; i <= 7; i++) Png(temp, $"in/img{i}.png", 9 + i, 6 + (i % 3), 1 + (i % 2) * 2, seed: i);
        temp.Write("in/img4.png", "broken on purpose"u8.ToArray());
        string one = temp.File("one"), two = temp.File("two");
        string[] common = ["run", temp.File("in"), "--backend", "cpu", "--save", "grid,npy"];

        var first = Invoke([.. common, "--out", one]);
        var second = Invoke([.. common, "--out", two, "--jobs", "2"]);

        Assert.Equal(1, first.Exit);
        Assert.Equal(1, second.Exit);
        var names = FilesIn(one);
        Assert.Equal(names, FilesIn(two));
        Assert.Equal(6 * 4 + 1, names.Length);
        foreach (string name in names.Where(n => n != "report.json"))
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, name)), File.ReadAllBytes(Path.Combine(two, name)));
        // Lines differ only in their times (the total line is all times and their ratio); the error stream is identical.
        Assert.Equal(WithoutTimes(first.Out).Replace(one, "OUT"), WithoutTimes(second.Out).Replace(two, "OUT"));
        Assert.Equal(first.Err, second.Err);
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(two, "report.json")));
        Assert.Equal(2, report.RootElement.GetProperty("jobs").GetInt32());
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"img{i}.png"),
            report.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("output_name").GetString()));
    }

    [Fact]
    public void JobsBelowOneOrWithTheGpuBackendAreRefused()
    {
        using var temp = new TempFolder();
        string image = Png(temp, "a.png", 6, 6, 3);
        string output = temp.File("out");

        AssertRefused(Invoke("run", image, "--out", output, "--jobs", "0"), "--jobs 0: expected 1 or more");
        AssertRefused(Invoke("run", image, "--out", output, "--backend", "gpu", "--jobs", "2"), "--jobs 2: the gpu backend runs one image at a time");
        Assert.False(Directory.Exists(output));
    }

    private static string WithoutTimes(string text) =>
        string.Join('\n', Lines(text).Where(l => !l.StartsWith("total:")).Select(l => TimeText().Replace(l, "T ms")));

    [GeneratedRegex(@"[0-9]+\.[0-9]+ ms")]
    private static partial Regex TimeText();
}
