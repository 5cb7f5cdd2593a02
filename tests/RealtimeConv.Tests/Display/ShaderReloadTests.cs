using RealtimeConv.Tests.Gpu;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Visualization;

namespace RealtimeConv.Tests.Display;

/// <summary>A broken display shader names its file and line, and Reload keeps the last good program drawing.</summary>
[Collection(GpuCollection.Name)]
public sealed class ShaderReloadTests(GpuFixture gpu) : IDisposable
{
    private readonly string _folder = DisplayTestKit.CopyShaders();

    [Fact]
    public void BrokenTileShaderKeepsTheOldProgramAndReportsFileAndLine()
    {
        var map = GpuAssert.RandomMap(new Random(2), 3, 6, 5);
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var renderer = new ChannelTileRenderer(device, _folder);
            using var gpuMap = DisplayTestKit.Upload(device, map);
            using var target = new OffscreenFramebuffer(device, map.Width, map.Height);
            int line = DisplayTestKit.BreakLine(_folder, "display/channel_tile.frag", "float v = texel[c & 3];", "float v = texel[c & 3] + not_declared;");

            Assert.False(renderer.Reload());
            Assert.Equal(("display/channel_tile.frag", line), (renderer.LastError!.File, renderer.LastError.Line));
            Assert.Contains("not_declared", renderer.LastError.Message);

            // Still draws, with the program built before the file broke.
            target.Clear(0, 0, 0);
            renderer.Draw(gpuMap, [new PixelRect(0, 0, map.Width, map.Height)], ChannelNormalization.PerChannel, map.Width, map.Height);
            DisplayTestKit.ImageAt(ChannelVisualizer.RenderChannel(map, 0), target.ReadRgba(), 0, 0, "after a failed reload");

            File.Copy(Path.Combine(DisplayTestKit.ShaderDirectory, "display", "channel_tile.frag"), Path.Combine(_folder, "display", "channel_tile.frag"), overwrite: true);
            Assert.True(renderer.Reload());
            Assert.Null(renderer.LastError);
        });
    }

    [Fact]
    public void ErrorInTheColormapIncludeNamesTheIncludedFile()
    {
        int line = DisplayTestKit.BreakLine(_folder, "display/colormaps.glsl", "s = clamp(s, -1.0, 1.0);", "s = clamp(s, -1.0, 1.0) + oops;");
        var error = gpu.Gl(() => Assert.Throws<RealtimeConv.Gpu.Shaders.ShaderCompileException>(() => new ChannelTileRenderer(gpu.Backend.Device, _folder)));
        Assert.Equal(("display/colormaps.glsl", line), (error.File, error.Line));
        Assert.StartsWith($"display/colormaps.glsl:{line}: ", error.Message);
    }

    [Fact]
    public void FailedConstructionLeaksNothing()
    {
        DisplayTestKit.BreakLine(_folder, "display/channel_range.comp", "partials[at + 1] = hi;", "partials[at + 1] = hi");
        gpu.Gl(() =>
        {
            int before = gpu.Backend.Device.Objects.Total;
            Assert.Throws<RealtimeConv.Gpu.Shaders.ShaderCompileException>(() => new ChannelTileRenderer(gpu.Backend.Device, _folder));
            Assert.Equal(before, gpu.Backend.Device.Objects.Total);
        });
    }

    [Fact]
    public void BrokenComputeShaderReloadKeepsTheOldProgram()
    {
        var a = GpuAssert.RandomMap(new Random(3), 6, 5, 4);
        var b = GpuAssert.RandomMap(new Random(4), 6, 5, 4);
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            using var pass = new DifferencePass(device, _folder);
            using var ga = DisplayTestKit.Upload(device, a);
            using var gb = DisplayTestKit.Upload(device, b);
            int line = DisplayTestKit.BreakLine(_folder, "display/difference.comp", "vec4 d = a[e] - b[e];", "vec4 d = a[e] - b[e] * nothing;");
            Assert.False(pass.Reload());
            Assert.Equal(("display/difference.comp", line), (pass.LastError!.File, pass.LastError.Line));
            Assert.Equal(RealtimeConv.Tensors.FeatureMap.MaxAbsDifference(a, b), pass.MaxAbsDifference(ga, gb));
        });
    }

    [Fact]
    public void BrokenVertexShaderNamesTheVertexFile()
    {
        int line = DisplayTestKit.BreakLine(_folder, "display/text.vert", "v_texel = a_texel;", "v_texel = a_texel_missing;");
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            int before = device.Objects.Total;
            var error = Assert.Throws<RealtimeConv.Gpu.Shaders.ShaderCompileException>(() => new RenderProgram(device, _folder, "display/text.vert", "display/text.frag"));
            Assert.Equal(("display/text.vert", line), (error.File, error.Line));
            Assert.Equal(before, device.Objects.Total);
        });
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
