using System.CommandLine;
using RealtimeConv.App;
using RealtimeConv.Tests.Gpu;

namespace RealtimeConv.Tests.Commands;

/// <summary>The GL section `rtconv info` prints after the cost tables (llvmpipe in CI).</summary>
[Collection(GpuCollection.Name)]
public sealed class InfoGpuSectionTests(GpuFixture gpu)
{
    [Fact]
    public void PrintsTheDriverAndComputeLimitsAfterTheCostTable()
    {
        var (code, output, error) = Invoke("info", "--size", "32x32");
        Assert.True(code == 0, output + error);
        int resolution = output.IndexOf("resolution:", StringComparison.Ordinal);
        int gl = output.IndexOf("  gl renderer: " + gpu.Backend.Info.Renderer, StringComparison.Ordinal);
        Assert.True(resolution >= 0 && gl > resolution, output);
        Assert.Contains("  gl vendor: ", output);
        Assert.Contains("  gl version: 4.", output);
        Assert.Contains("  compute max invocations per workgroup: ", output);
    }

    [Fact]
    public void NoGpuSkipsTheProbe()
    {
        var (code, output, _) = Invoke("info", "--size", "32x32", "--no-gpu");
        Assert.Equal(0, code);
        Assert.Contains("resolution:", output);
        Assert.DoesNotContain("gl renderer", output);
        Assert.DoesNotContain("gpu:", output);
    }

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
