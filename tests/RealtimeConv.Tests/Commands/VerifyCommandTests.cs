using System.CommandLine;
using RealtimeConv.App;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Imaging;
using RealtimeConv.Tests.Gpu;

namespace RealtimeConv.Tests.Commands;

/// <summary>`rtconv verify` end to end through the real command tree (on llvmpipe in CI).</summary>
[Collection(GpuCollection.Name)]
public sealed class VerifyCommandTests
{
    [Fact]
    public void AllBuiltInChainsPassOnASmallImage()
    {
        var (code, output, error) = Invoke("verify", "--pipeline", "builtin", "--size", "13x9");
        Assert.True(code == 0, output + error);
        Assert.Contains("d=2", output);
        Assert.Contains("K=5/7", output);
        Assert.DoesNotContain("FAIL", output);
    }

    [Fact]
    public void APresetPassesInBothModesWithALineForEveryLayer()
    {
        var (code, output, error) = Invoke("verify", "--pipeline", "random:m=5,n=6,k=5,s=2", "--size", "11x14", "--frames", "1");
        Assert.True(code == 0, output + error);
        // Standard mode: the composed layer; separable mode: depthwise then pointwise.
        Assert.Single(output.Split('\n'), l => l.Contains("standard ", StringComparison.Ordinal) && l.EndsWith(" ok", StringComparison.Ordinal));
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains("separable ", StringComparison.Ordinal) && l.EndsWith(" ok", StringComparison.Ordinal)));
        Assert.Contains("verify: all layers within tolerance", output);
    }

    [Fact]
    public void AnImageInputIsConvertedAndShrunkToMaxSide()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rtconv-verify-{Guid.NewGuid():N}.png");
        var image = new PixelImage(30, 20, 3);
        var random = new Random(4);
        random.NextBytes(image.Pixels);
        PngWriter.Write(path, image);
        try
        {
            var (code, output, error) = Invoke("verify", "--pipeline", "edges", "--mode", "separable", "--max-side", "16", "--frames", "1", path);
            Assert.True(code == 0, output + error);
            // 30 / 16 rounds up to a factor of 2: 15×10.
            Assert.Contains($"{Path.GetFileName(path)}: 30x20 box-averaged by 2 to 15x10", output);
            Assert.Equal(2, output.Split('\n').Count(l => l.Contains(Path.GetFileName(path)[..15], StringComparison.Ordinal) && l.EndsWith(" ok", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadPipelineFileExitsWithTwoAndOneLineNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rtconv-verify-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"input_channels": 3, "blocks": [{"type": "standard", "out_channels": 4, "kernel": 3, "weights": [1, 2]}]}""");
        try
        {
            var (code, output, error) = Invoke("verify", "--pipeline", path);
            Assert.Equal(2, code);
            Assert.Equal("", output);
            string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("verify: ", line);
            Assert.Contains(path, line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--size", "13")]
    [InlineData("--size", "0x5")]
    [InlineData("--shaders", "/no/such/folder")]
    [InlineData("--mode", "fast")]
    [InlineData("--max-side", "0")]
    [InlineData("--pipeline", "edgy")]
    [InlineData("--pipeline", "random:q=1")]
    public void UsageErrorsExitWithTwo(string option, string value)
    {
        var (code, _, error) = Invoke("verify", option, value);
        Assert.Equal(2, code);
        Assert.StartsWith("verify: ", error);
    }

    [Fact]
    public void BrokenShaderExitsWithOneAndNamesFileAndLine()
    {
        string folder = CopyShaders();
        try
        {
            int line = Replace(folder, "standard.comp", "int oy = int(gl_GlobalInvocationID.y);", "int oy = broken_identifier;");

            var (code, _, error) = Invoke("verify", "--pipeline", "edges", "--size", "5x5", "--shaders", folder);
            Assert.Equal(1, code);
            Assert.Contains($"standard.comp:{line}:", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AShaderThatCompilesButComputesWrongFailsOnItsLayer()
    {
        string folder = CopyShaders();
        try
        {
            // 0.1 % too much on every pointwise output: ten times the tolerance on values of order one.
            Replace(folder, "pointwise.comp", "= activate(sum[j][t]);", "= activate(sum[j][t] * 1.001);");

            var (code, output, _) = Invoke("verify", "--pipeline", "edges", "--size", "9x7", "--frames", "1", "--shaders", folder);
            Assert.Equal(1, code);
            var failing = Assert.Single(output.Split('\n'), l => l.EndsWith(" FAIL", StringComparison.Ordinal));
            Assert.Contains("edges.pw: pointwise", failing);
            Assert.Contains("verify: some layers exceed the tolerance", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string CopyShaders()
    {
        string folder = Path.Combine(Path.GetTempPath(), "rtconv-verify-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(ShaderLibrary.DefaultDirectory))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    /// <summary>Replaces <paramref name="old"/> in one shader line; returns the 1-based line number.</summary>
    private static int Replace(string folder, string file, string old, string replacement)
    {
        string path = Path.Combine(folder, file);
        var lines = File.ReadAllLines(path);
        int index = Array.FindIndex(lines, l => l.Contains(old, StringComparison.Ordinal));
        Assert.True(index >= 0, $"{file} no longer contains '{old}'");
        lines[index] = lines[index].Replace(old, replacement, StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        return index + 1;
    }

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
