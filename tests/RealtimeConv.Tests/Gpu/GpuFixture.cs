using RealtimeConv.Gpu;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Gpu.Variants;

namespace RealtimeConv.Tests.Gpu;

/// <summary>
/// One headless GL context for the whole GPU test collection. If no context can be made the
/// constructor throws <c>GpuUnavailableException</c> and every test in the collection FAILS with that
/// reason: in CI llvmpipe is the device, so a missing context is a broken setup, not a skip.
/// </summary>
public sealed class GpuFixture : IDisposable
{
    public GpuFixture()
    {
        // Default variants, nothing timed: tests of the timed choice make their own selector and cache.
        Backend = new GpuBackend(ShaderLibrary.DefaultDirectory, variants: VariantSelector.Defaults());
        Active = this;
    }

    /// <summary>
    /// The collection's fixture while it lives, for <see cref="NoGlErrorLeftAttribute"/>: xunit hands
    /// fixtures to test classes only, not to before/after hooks.
    /// </summary>
    internal static GpuFixture? Active { get; private set; }

    public GpuBackend Backend { get; }

    /// <summary>Runs GL work on the context's thread (xunit may call from any thread).</summary>
    public T Gl<T>(Func<T> work) => Backend.Thread.Invoke(work);

    public void Gl(Action work) => Backend.Thread.Invoke(work);

    public void Dispose()
    {
        Active = null;
        Backend.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class GpuCollection : ICollectionFixture<GpuFixture>
{
    public const string Name = "gpu";
}
