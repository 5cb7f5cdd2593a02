using RealtimeConv.Gpu.Shaders;

namespace RealtimeConv.Tests.Gpu;

/// <summary>The three compiler log formats map to a line and message (no GL needed).</summary>
public sealed class DriverLogParserTests
{
    [Theory]
    [InlineData("0:12(5): error: `foo' undeclared\n", 12, "error: `foo' undeclared")]
    [InlineData("0:3(10): warning: unused\n0:41(2): error: syntax error, unexpected '}'", 41, "error: syntax error, unexpected '}'")]
    [InlineData("0(27) : error C1008: undefined variable \"foo\"", 27, "error C1008: undefined variable \"foo\"")]
    [InlineData("ERROR: 0:9: 'foo' : undeclared identifier", 9, "'foo' : undeclared identifier")]
    public void FindsTheFirstErrorLine(string log, int line, string message)
    {
        Assert.Equal((line, message), DriverLogParser.FirstError(log));
    }

    [Fact]
    public void LinkErrorWithoutLineKeepsTheMessage()
    {
        Assert.Equal((0, "error: too many shader storage blocks"), DriverLogParser.FirstError("error: too many shader storage blocks\n"));
    }

    [Fact]
    public void LoaderMapsAssembledLinesBackThroughDefinesAndIncludes()
    {
        string folder = Path.Combine(Path.GetTempPath(), "rtconv-loader-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.comp"), "// top\n#version 430\n#include \"b.glsl\"\nvoid main() {}\n");
            File.WriteAllText(Path.Combine(folder, "b.glsl"), "float one() { return 1.0; }\nfloat two() { return 2.0; }\n");
            var source = ShaderSourceLoader.Load(folder, "a.comp", new ShaderDefines(new Dictionary<string, int> { ["K"] = 3, ["S"] = 1 }));
            // Assembled: 1 "// top", 2 #version, 3-4 defines, 5-6 b.glsl, 7 main.
            Assert.Equal("#define K 3", source.LineText(3));
            Assert.Equal((ShaderSourceLoader.DefinesOrigin, 1), source.Origin(3));
            Assert.Equal(("b.glsl", 2), source.Origin(6));
            Assert.Equal(("a.comp", 4), source.Origin(7));
            Assert.Equal(new HashSet<string> { "a.comp", "b.glsl" }, source.Files);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("0:7(3): error: `nope' undeclared")]
    [InlineData("0(7) : error C1008: undefined variable \"nope\"")]
    public void CompileFailureLinePointsAtTheFileNotTheAssembledText(string log)
    {
        // Assembled line 7 is a.comp line 5: two defines were injected after #version.
        var lines = new[] { ("a.comp", 1), (ShaderSourceLoader.DefinesOrigin, 1), (ShaderSourceLoader.DefinesOrigin, 2), ("a.comp", 2), ("a.comp", 3), ("a.comp", 4), ("a.comp", 5) };
        var source = new ShaderSource("a.comp", "#version 430\n#define A 1\n#define B 2\n\n\nvoid main()\n{ nope; }\n", lines, new HashSet<string> { "a.comp" });
        var error = ComputeProgram.Failure(source, log);
        Assert.Equal(("a.comp", 5, "{ nope; }"), (error.File, error.Line, error.SourceLine));
        Assert.StartsWith("a.comp:5: error", error.Message);
    }
}
