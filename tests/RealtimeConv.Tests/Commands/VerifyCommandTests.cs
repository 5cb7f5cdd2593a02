using System.CommandLine;
using RealtimeConv.App;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Tests.Gpu;

namespace RealtimeConv.Tests.Commands;

/// <summary>`rtconv verify` end to end through the real command tree (on llvmpipe in CI).</summary>
[Collection(GpuCollection.Name)]
public sealed class VerifyCommandTests
{
    [Fact]
    public void AllBuiltInChainsPassOnASmallImage()
    {
        var (code, output, error) = Invoke("verify", "--size", "13x9");
        Assert.True(code == 0, output + error);
        Assert.Contains("d=2", output);
        Assert.Contains("K=5/7", output);
        Assert.DoesNotContain("FAIL", output);
    }

    [Theory]
    [InlineData("--size", "13")]
    [InlineData("--size", "0x5")]
    [InlineData("--shaders", "/no/such/folder")]
    public void UsageErrorsExitWithTwo(string option, string value)
    {
        var (code, _, error) = Invoke("verify", option, value);
        Assert.Equal(2, code);
        Assert.StartsWith("verify: ", error);
    }

    [Fact]
    public void BrokenShaderExitsWithOneAndNamesFileAndLine()
    {
        string folder = Path.Combine(Path.GetTempPath(), "rtconv-verify-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in Directory.GetFiles(ShaderLibrary.DefaultDirectory))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            var lines = File.ReadAllLines(Path.Combine(folder, "standard.comp"));
            int index = Array.FindIndex(lines, l => l.Contains("int oy = int(gl_GlobalInvocationID.y);", StringComparison.Ordinal));
            lines[index] = "    int oy = broken_identifier;";
            File.WriteAllLines(Path.Combine(folder, "standard.comp"), lines);

            var (code, _, error) = Invoke("verify", "--size", "5x5", "--shaders", folder);
            Assert.Equal(1, code);
            Assert.Contains($"standard.comp:{index + 1}:", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
