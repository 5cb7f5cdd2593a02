namespace RealtimeConv.App.Bench;

/// <summary>What one <c>rtconv bench</c> run measures and how.</summary>
/// <param name="Backends">Our backends, by catalog name, in table order; ONNX Runtime is always added as the peer.</param>
/// <param name="Shapes">The grid rows to run.</param>
/// <param name="Runs">Timed runs per row (fewer for rows whose single run is slow, see <see cref="BenchRunner"/>).</param>
/// <param name="Warmup">Untimed runs per row before timing.</param>
/// <param name="OrtThreads">ONNX Runtime's intra-op threads.</param>
/// <param name="Seed">Seed of the random weights and inputs.</param>
/// <param name="Cold">Evict the caches before every timed run by writing a buffer larger than the last-level cache.</param>
internal sealed record BenchSettings(IReadOnlyList<string> Backends, IReadOnlyList<BenchShape> Shapes, int Runs, int Warmup, int OrtThreads, int Seed,
    bool Cold = false)
{
    /// <summary>The name ONNX Runtime's rows carry.</summary>
    public const string PeerName = "ort";

    /// <summary>
    /// Splits <c>--backend</c> ("cpu,cpu-ref") into distinct catalog names, in the catalog's spelling.
    /// An unknown name is a usage error naming the known ones.
    /// </summary>
    public static IReadOnlyList<string> ParseBackends(string? text, IReadOnlyCollection<string> known)
    {
        var names = new List<string>();
        foreach (var name in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name.Equals(PeerName, StringComparison.OrdinalIgnoreCase))
                throw new BenchUsageException($"--backend: '{PeerName}' is the peer and is always measured; name only our backends ({string.Join(", ", known)})");
            var match = known.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new BenchUsageException($"--backend: unknown backend '{name}' (known: {string.Join(", ", known)})");
            if (!names.Contains(match)) names.Add(match);
        }
        if (names.Count == 0) throw new BenchUsageException($"--backend: no backend named (known: {string.Join(", ", known)})");
        return names;
    }
}
