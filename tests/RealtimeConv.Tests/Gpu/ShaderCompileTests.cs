using RealtimeConv.Gpu.Shaders;

namespace RealtimeConv.Tests.Gpu;

/// <summary>Compile errors point at the right file and line of the shader folder, and hot reload keeps the last good program.</summary>
[Collection(GpuCollection.Name)]
public sealed class ShaderCompileTests(GpuFixture gpu) : IDisposable
{
    private readonly string _folder = CopyShaders();

    private static readonly ShaderDefines PadDefines = new(new Dictionary<string, int>
    {
        ["IN_W"] = 4, ["IN_H"] = 4, ["PAD_W"] = 6, ["PAD_H"] = 6, ["PAD"] = 1, ["SLICES"] = 1, ["PIX_X"] = 4, ["LOCAL_X"] = 8, ["LOCAL_Y"] = 8, ["ACTIVATION"] = 0,
    });

    [Fact]
    public void ErrorInTheShaderNamesItsFileAndLine()
    {
        int line = BreakLine("pad.comp", "int ix = x - PAD;", "int ix = x - undeclared_thing;");
        var error = gpu.Gl(() =>
        {
            using var library = new ShaderLibrary(gpu.Backend.Device, _folder);
            return Assert.Throws<ShaderCompileException>(() => library.Get("pad.comp", PadDefines));
        });
        Assert.Equal("pad.comp", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains("undeclared_thing", error.SourceLine);
        Assert.StartsWith($"pad.comp:{line}: ", error.Message);
    }

    [Fact]
    public void ErrorInAnIncludeNamesTheIncludedFile()
    {
        int line = BreakLine("common.glsl", "return max(v, vec4(0.0));", "return max(v, vec4(0.0)) + missing_value;");
        var defines = new ShaderDefines(PadDefines.Values.Select(p => p.Key == "ACTIVATION" ? new KeyValuePair<string, int>(p.Key, 1) : p));
        var error = gpu.Gl(() =>
        {
            using var library = new ShaderLibrary(gpu.Backend.Device, _folder);
            return Assert.Throws<ShaderCompileException>(() => library.Get("pad.comp", defines));
        });
        Assert.Equal(("common.glsl", line), (error.File, error.Line));
    }

    [Fact]
    public void BrokenReloadKeepsTheLastGoodProgramAndReportsWhere()
    {
        gpu.Gl(() =>
        {
            var objects = gpu.Backend.Device.Objects;
            using var library = new ShaderLibrary(gpu.Backend.Device, _folder);
            var good = library.Get("pad.comp", PadDefines);
            int line = BreakLine("pad.comp", "bool inside =", "bool inside = nonsense +");

            Assert.Equal(0, library.Reload("pad.comp"));
            Assert.Same(good, library.Get("pad.comp", PadDefines));
            Assert.NotEqual(0u, good.Handle);
            Assert.Equal(("pad.comp", line), (library.LastError!.File, library.LastError.Line));

            // Fixing the file rebuilds the program and clears the error.
            File.Copy(Path.Combine(ShaderLibrary.DefaultDirectory, "pad.comp"), Path.Combine(_folder, "pad.comp"), overwrite: true);
            Assert.Equal(1, library.Reload("pad.comp"));
            Assert.NotSame(good, library.Get("pad.comp", PadDefines));
            Assert.Equal(0u, good.Handle);
            Assert.Null(library.LastError);
        });
    }

    [Fact]
    public void WatcherPicksUpAnEditWhenPolled()
    {
        gpu.Gl(() =>
        {
            using var library = new ShaderLibrary(gpu.Backend.Device, _folder, watch: true);
            var good = library.Get("pad.comp", PadDefines);
            int line = BreakLine("pad.comp", "int iy = y - PAD;", "int iy = y - PAD");
            // The owner polls once per frame; give the watcher and the cool-down up to 10 s of frames.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (library.LastError is null && DateTime.UtcNow < deadline)
            {
                library.Poll();
                Thread.Sleep(20);
            }
            Assert.NotNull(library.LastError);
            Assert.Equal("pad.comp", library.LastError!.File);
            Assert.InRange(library.LastError.Line, line, line + 1); // a missing ';' is reported on its line or the next
            Assert.Same(good, library.Get("pad.comp", PadDefines));
        });
    }

    [Fact]
    public void ErrorInTheFusedShaderNamesItsFileAndLine()
    {
        int line = BreakLine("separable.comp", "vec4 w = dw[(s * K + ky) * K + kx];", "vec4 w = dw_typo[(s * K + ky) * K + kx];");
        var defines = new ShaderDefines(new Dictionary<string, int>
        {
            ["K"] = 3, ["STRIDE"] = 1, ["PAD_W"] = 10, ["PAD_H"] = 10, ["OUT_W"] = 8, ["OUT_H"] = 8, ["IN_CHANNELS"] = 8, ["MULTIPLIER"] = 1,
            ["MID_SLICES"] = 2, ["OUT_SLICES"] = 2, ["PIX_X"] = 4, ["PIX_Y"] = 1, ["LOCAL_X"] = 8, ["LOCAL_Y"] = 8,
            ["DW_BIAS"] = 1, ["DW_ACTIVATION"] = 1, ["HAS_BIAS"] = 1, ["ACTIVATION"] = 0,
        });
        var error = gpu.Gl(() =>
        {
            using var library = new ShaderLibrary(gpu.Backend.Device, _folder);
            return Assert.Throws<ShaderCompileException>(() => library.Get("separable.comp", defines));
        });
        Assert.Equal(("separable.comp", line), (error.File, error.Line));
        Assert.StartsWith($"separable.comp:{line}: ", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private int BreakLine(string file, string find, string replace)
    {
        string path = Path.Combine(_folder, file);
        var lines = File.ReadAllLines(path);
        int index = Array.FindIndex(lines, l => l.Contains(find, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{find}' not in {file}");
        lines[index] = lines[index].Replace(find, replace, StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        return index + 1;
    }

    private static string CopyShaders()
    {
        string folder = Path.Combine(Path.GetTempPath(), "rtconv-shaders-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(ShaderLibrary.DefaultDirectory))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }
}
