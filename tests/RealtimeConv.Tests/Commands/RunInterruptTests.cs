using System.Diagnostics;
using System.Text.Json;
using RealtimeConv.Imaging;
using RealtimeConv.IO;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Commands;

/// <summary>Ctrl-C on a real `rtconv run` process, then `--resume`.</summary>
public sealed class RunInterruptTests
{
    private const int Images = 30;

    /// <summary>Files per image: grid and .npy of the separable mode.</summary>
    private const int FilesPerImage = 2;

    /// <summary>Generous bounds for a loaded CI machine; the run itself takes a few seconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void SigintStopsAfterTheCurrentImageWithExit130AndResumeFinishesTheRest()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("in"));
        for (int i = 1; i <= Images; i++)
            temp.Write($"in/img{i}.png", TestImages.StbPng(TestImages.Pattern(40, 30, 3, seed: i), 40, 30, 3));
        string output = temp.File("out");
        string[] args = ["run", temp.File("in"), "--out", output, "--backend", "cpu-ref", "--mode", "separable", "--save", "grid,npy"];

        using var child = StartRtconv(args);
        // Polled on this thread, not with awaits: a continuation could wait long on a thread pool that the other
        // tests keep busy, and rtconv would finish before the signal. Its few lines fit the pipes until it exits.
        var deadline = DateTime.UtcNow + Patience;
        while (!Directory.Exists(output) || !Directory.EnumerateFiles(output, "img*").Any())
        {
            Assert.True(DateTime.UtcNow < deadline && !child.HasExited, "rtconv wrote no output in time");
            Thread.Sleep(1);
        }
        using (var kill = Process.Start("kill", $"-INT {child.Id}")) kill.WaitForExit();
        Assert.True(child.WaitForExit(Patience), "rtconv did not stop after SIGINT");
        string stderr = child.StandardError.ReadToEnd(), stdout = child.StandardOutput.ReadToEnd();

        Assert.Equal(130, child.ExitCode);
        Assert.Contains("rtconv run: interrupted: ", stderr);
        Assert.Contains("--resume", stderr);
        var files = Directory.GetFiles(output).Select(Path.GetFileName).ToArray();
        Assert.DoesNotContain(files, f => f!.StartsWith('.')); // no temporary file left
        var done = ImagesWithOutputs(output);
        Assert.InRange(done.Count, 1, Images - 1);
        Assert.All(done, image => AssertComplete(output, image));
        using (var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "report.json"))))
        {
            Assert.True(report.RootElement.GetProperty("interrupted").GetBoolean());
            Assert.Equal(done.Count, report.RootElement.GetProperty("totals").GetProperty("computed").GetInt32());
        }
        Assert.Contains($"{done.Count} computed", stdout);

        using var resumed = StartRtconv([.. args, "--resume"]);
        string resumedOut = resumed.StandardOutput.ReadToEnd();
        Assert.True(resumed.WaitForExit(Patience), "the resumed run did not finish");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"{Images - done.Count} computed, {done.Count} kept, 0 failed", resumedOut);
        Assert.Equal(Images, ImagesWithOutputs(output).Count);
        for (int i = 1; i <= Images; i++) AssertComplete(output, $"img{i}.png");
        Assert.Equal(Images * FilesPerImage + 1, Directory.GetFiles(output).Length);
    }

    private static Process StartRtconv(string[] args)
    {
        // The rtconv the tests reference is built beside them; DOTNET_HOST_PATH is the dotnet that runs the tests.
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        // A process inherits an ignored SIGINT (tests started in the background by a non-interactive shell), and
        // .NET, like any well-behaved program, leaves an ignored SIGINT ignored. GNU env restores its default first.
        bool gnuEnv = OperatingSystem.IsLinux();
        var start = new ProcessStartInfo(gnuEnv ? "env" : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (gnuEnv)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add(dotnet);
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rtconv.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start rtconv");
    }

    /// <summary>The inputs (by output name) with at least one output file.</summary>
    private static HashSet<string> ImagesWithOutputs(string output) =>
        Directory.GetFiles(output, "img*").Select(f => Path.GetFileName(f)!.Split(".separable.")[0]).ToHashSet();

    /// <summary>Both files of <paramref name="image"/> exist and read back whole.</summary>
    private static void AssertComplete(string output, string image)
    {
        var grid = ImageLoader.Load(Path.Combine(output, $"{image}.separable.png"));
        Assert.True(grid.Width > 0 && grid.Height > 0);
        Assert.Equal([8, 30, 40], NpyFile.Read(Path.Combine(output, $"{image}.separable.npy")).Shape);
    }
}
