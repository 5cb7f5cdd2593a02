namespace RealtimeConv.Pipelines;

/// <summary>
/// A deterministic stream of standard normal numbers from a seed: SplitMix64 for the uniforms (written
/// here so that the same seed gives the same weights on every runtime), Box–Muller for the normals.
/// </summary>
internal sealed class SeededNormal(ulong seed)
{
    private ulong _state = seed;
    private double? _spare;

    /// <summary>A uniform double in (0, 1): 53 random bits, never exactly 0.</summary>
    public double NextUniform()
    {
        _state += 0x9E3779B97F4A7C15UL;
        ulong z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return ((z >> 11) + 0.5) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal value.</summary>
    public double NextNormal()
    {
        if (_spare is double spare)
        {
            _spare = null;
            return spare;
        }
        // Box–Muller: two uniforms give two independent normals, r = √(−2 ln u1), θ = 2π u2.
        double r = Math.Sqrt(-2 * Math.Log(NextUniform()));
        double theta = 2 * Math.PI * NextUniform();
        _spare = r * Math.Sin(theta);
        return r * Math.Cos(theta);
    }

    /// <summary>
    /// He initialisation: <paramref name="count"/> values from N(0, 2 / fanIn), the variance that keeps
    /// activations at the same scale through ReLU layers (He et al. 2015).
    /// </summary>
    public static float[] He(ulong seed, int count, int fanIn)
    {
        var normal = new SeededNormal(seed);
        double std = Math.Sqrt(2.0 / fanIn);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(std * normal.NextNormal());
        return values;
    }
}
