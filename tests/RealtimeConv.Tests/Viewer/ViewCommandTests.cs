using System.CommandLine;
using RealtimeConv.App;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Viewer;

public sealed class ViewCommandTests
{
    [Theory]
    [InlineData("--backend", "tpu")]
    [InlineData("--mode", "upside-down")]
    [InlineData("--size", "12")]
    [InlineData("--kernel", "4")]
    [InlineData("--frames", "0")]
    [InlineData("--fps", "0")]
    [InlineData("--normalize", "sometimes")]
    public void A_bad_option_is_a_usage_error_before_any_window_opens(string option, string value)
    {
        var (code, _, error) = Run("view", "media", option, value);
        Assert.Equal(2, code);
        Assert.StartsWith("rtconv view: ", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Fps_and_slideshow_together_are_refused()
    {
        var (code, _, error) = Run("view", "media", "--fps", "24", "--slideshow", "2");
        Assert.Equal(2, code);
        Assert.Contains("--fps", error);
    }

    [Fact]
    public void Without_a_display_the_viewer_says_why_and_writes_the_headless_result_instead()
    {
        using var images = new TempFolder();
        images.Write("one.png", TestImages.StbPng(TestImages.Pattern(32, 24, 3), 32, 24, 3));
        string output = Path.Combine(images.Path, "..", Path.GetFileName(images.Path) + "-out");
        try
        {
            using var viewer = ViewerProcess.Start(null, "view", images.Path, "--fallback-out", output);
            Assert.Equal(0, viewer.WaitForExit());
            var firstError = viewer.Errors.Split('\n')[0];
            Assert.StartsWith("rtconv view: no window (", firstError);
            Assert.Contains("rtconv run", firstError);
            Assert.True(File.Exists(Path.Combine(output, "one.png.standard.png")), viewer.Transcript());
            Assert.True(File.Exists(Path.Combine(output, "one.png.separable.png")), viewer.Transcript());
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
