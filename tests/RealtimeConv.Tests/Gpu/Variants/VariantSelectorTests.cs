using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Variants;

namespace RealtimeConv.Tests.Gpu.Variants;

/// <summary>Which variant a pass gets: forced, remembered, timed or default, and the key it is remembered under.</summary>
public sealed class VariantSelectorTests : IDisposable
{
    private const string Shape = "k3 s1 c32>32 p2^16";
    private static readonly GpuInfo Llvmpipe = Info("llvmpipe (LLVM 15.0.6, 256 bits)", "4.5 (Core Profile) Mesa 22.3.6");
    private readonly string _path = Path.Combine(Path.GetTempPath(), "rtconv-selector-" + Guid.NewGuid().ToString("N"), VariantCache.FileName);

    [Fact]
    public void TimingPicksTheFastestAndRemembersItPerRendererAndDriver()
    {
        var timed = new List<string>();
        double Fake(ShaderVariant v) { timed.Add(v.Name); return v.Name == "8x2" ? 1.0 : 5.0; }

        var selector = new VariantSelector(tune: true, new VariantCache(_path, TextWriter.Null));
        Assert.Equal("8x2", selector.Choose(Llvmpipe, GpuPassKind.Pointwise, Shape, Fake).Name);
        Assert.Equal(ShaderVariants.For(GpuPassKind.Pointwise).Select(v => v.Name), timed);

        // Same renderer, driver and shape class in a later run: remembered, nothing timed.
        timed.Clear();
        var later = new VariantSelector(tune: true, new VariantCache(_path, TextWriter.Null));
        Assert.Equal("8x2", later.Choose(Llvmpipe, GpuPassKind.Pointwise, Shape, Fake).Name);
        Assert.Empty(timed);
        Assert.Equal("8x2", later.Chosen[VariantSelector.Key(Llvmpipe, GpuPassKind.Pointwise, Shape)]);

        // Another driver version is another key: timed again.
        later.Choose(Info(Llvmpipe.Renderer, "4.5 (Core Profile) Mesa 24.0.0"), GpuPassKind.Pointwise, Shape, Fake);
        Assert.Equal(3, timed.Count);
    }

    [Fact]
    public void AForcedVariantIsHonouredWithoutTiming()
    {
        var forced = VariantSelector.ParseForced("pointwise:4x2, separable:8x1", "test");
        var selector = new VariantSelector(tune: true, new VariantCache(_path, TextWriter.Null), forced);
        Assert.Equal("4x2", selector.Choose(Llvmpipe, GpuPassKind.Pointwise, Shape, _ => throw new InvalidOperationException("timed a forced pass")).Name);
        Assert.Equal("8x1", selector.Choose(Llvmpipe, GpuPassKind.Separable, Shape, _ => throw new InvalidOperationException("timed a forced pass")).Name);
        // Kinds not forced are still timed.
        int timings = 0;
        selector.Choose(Llvmpipe, GpuPassKind.Standard, Shape, _ => ++timings);
        Assert.Equal(3, timings);
    }

    [Theory]
    [InlineData("pointwise:9x9", "no pointwise GPU variant '9x9'")]
    [InlineData("sideways:4x4", "'sideways:4x4' is not kind:variant")]
    [InlineData("pointwise", "'pointwise' is not kind:variant")]
    public void ABadForcedSpecNamesItsSourceAndTheProblem(string spec, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => VariantSelector.ParseForced(spec, VariantSelector.EnvironmentVariable));
        Assert.StartsWith(VariantSelector.EnvironmentVariable + ": ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void WithoutTimingEveryPassGetsItsDefault()
    {
        var selector = VariantSelector.Defaults();
        foreach (var kind in Enum.GetValues<GpuPassKind>())
            Assert.Same(ShaderVariants.Default(kind), selector.Choose(Llvmpipe, kind, Shape, _ => throw new InvalidOperationException("timed")));
    }

    [Fact]
    public void ARememberedVariantThisBuildLacksIsTimedAgain()
    {
        var cache = new VariantCache(_path, TextWriter.Null);
        cache.Set(VariantSelector.Key(Llvmpipe, GpuPassKind.Depthwise, Shape), "gone");
        int timings = 0;
        new VariantSelector(tune: true, new VariantCache(_path, TextWriter.Null)).Choose(Llvmpipe, GpuPassKind.Depthwise, Shape, _ => ++timings);
        Assert.Equal(3, timings);
    }

    [Fact]
    public void ShapeClassesRoundChannelsAndPixelsToPowersOfTwo()
    {
        Assert.Equal("k3 s1 c32>32 p2^16", ShapeClass.Of(3, 1, 32, 32, 256, 256));
        Assert.Equal(ShapeClass.Of(3, 1, 30, 29, 250, 250), ShapeClass.Of(3, 1, 32, 32, 256, 256));
        Assert.NotEqual(ShapeClass.Of(3, 1, 33, 32, 256, 256), ShapeClass.Of(3, 1, 32, 32, 256, 256));
        Assert.NotEqual(ShapeClass.Of(5, 1, 32, 32, 256, 256), ShapeClass.Of(3, 1, 32, 32, 256, 256));
        Assert.Equal("k1 s2 c1>4 p2^0", ShapeClass.Of(1, 2, 1, 3, 1, 1));
    }

    public void Dispose()
    {
        string folder = Path.GetDirectoryName(_path)!;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static GpuInfo Info(string renderer, string version) =>
        new("Mesa", renderer, version, (1024, 1024, 64), (65535, 65535, 65535), 1024, 32768, 1 << 27, 64);
}
