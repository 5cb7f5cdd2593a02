using RealtimeConv.Gpu;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Kernels.Reference;

namespace RealtimeConv.App.Backends;

/// <summary>
/// The compute backends `rtconv` can name with <c>--backend</c>. Each entry creates a fresh backend,
/// so a command owns (and disposes) what it creates.
/// </summary>
internal static class BackendCatalog
{
    private static readonly Dictionary<string, Func<IConvBackend>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cpu-ref"] = () => new ReferenceBackend(),
        ["cpu"] = () => new FastBackend(),
        ["cpu-blocked"] = () => FastBackend.BlockedOnly(),
        ["gpu"] = () => new GpuBackend(),
    };

    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Creates the backend called <paramref name="name"/>, or explains which names exist.</summary>
    public static IConvBackend Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"unknown backend '{name}' (known: {string.Join(", ", Factories.Keys)})");
}
