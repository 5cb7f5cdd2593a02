using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Imaging;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Display;

/// <summary>Helpers shared by the display and HUD tests: uploads, pixel comparison, shader folder copies.</summary>
internal static class DisplayTestKit
{
    /// <summary>
    /// A GPU colour may differ from the CPU's by this many levels per component: GL's float → unorm8
    /// conversion and the shader's division order can land the other side of a .5.
    /// </summary>
    public const int ColourTolerance = 2;

    public static string ShaderDirectory => ShaderLibrary.DefaultDirectory;

    public static GpuFeatureMap Upload(GpuDevice device, FeatureMap map, string label = "test map")
    {
        var gpuMap = new GpuFeatureMap(device, label);
        gpuMap.EnsureShape(map.Channels, map.Height, map.Width);
        var staging = new float[gpuMap.Floats];
        Pack4.FromFeatureMap(map, staging);
        gpuMap.Buffer.Upload(staging);
        return gpuMap;
    }

    public static FeatureMap Download(GpuFeatureMap map)
    {
        var staging = new float[map.Floats];
        map.Buffer.Download(staging);
        var cpu = new FeatureMap(map.Channels, map.Height, map.Width);
        Pack4.ToFeatureMap(staging, cpu);
        return cpu;
    }

    /// <summary>Asserts the <paramref name="expected"/> RGBA image sits at (x0, y0) of <paramref name="actual"/> within <see cref="ColourTolerance"/>.</summary>
    public static void ImageAt(PixelImage expected, PixelImage actual, int x0, int y0, string what)
    {
        for (int y = 0; y < expected.Height; y++)
            for (int x = 0; x < expected.Width; x++)
                for (int k = 0; k < 3; k++)
                {
                    int e = expected.Pixels[expected.IndexOf(x, y, k)], a = actual.Pixels[actual.IndexOf(x0 + x, y0 + y, k)];
                    if (Math.Abs(e - a) > ColourTolerance)
                        Assert.Fail($"{what}: pixel ({x}, {y}) component {k}: GPU {a}, CPU {e}");
                }
    }

    /// <summary>Copies the built shader folder (display/ included) to a fresh temp folder.</summary>
    public static string CopyShaders()
    {
        string folder = Path.Combine(Path.GetTempPath(), "rtconv-display-shaders-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(ShaderDirectory, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(folder, Path.GetRelativePath(ShaderDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return folder;
    }

    /// <summary>Replaces <paramref name="find"/> in <paramref name="file"/> under <paramref name="folder"/>; returns its 1-based line.</summary>
    public static int BreakLine(string folder, string file, string find, string replace)
    {
        string path = Path.Combine(folder, file);
        var lines = File.ReadAllLines(path);
        int index = Array.FindIndex(lines, l => l.Contains(find, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{find}' not in {file}");
        lines[index] = lines[index].Replace(find, replace, StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        return index + 1;
    }
}
