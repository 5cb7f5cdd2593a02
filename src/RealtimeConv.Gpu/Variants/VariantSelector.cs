using RealtimeConv.Gpu.Context;

namespace RealtimeConv.Gpu.Variants;

/// <summary>
/// Decides which shader variant a pass runs for a shape: a forced variant if one was named (option or
/// <c>RTCONV_GPU_VARIANT</c>), else the one remembered for this GL renderer, driver and shape class,
/// else — when timing is on — each variant timed once, the fastest kept and remembered; with timing off,
/// the default. Used on the GL thread only.
/// </summary>
public sealed class VariantSelector
{
    /// <summary>
    /// Forces variants, e.g. <c>RTCONV_GPU_VARIANT=pointwise:4x2,depthwise:8x1</c> (kinds: depthwise,
    /// pointwise, standard, separable; names: <see cref="ShaderVariants"/>).
    /// </summary>
    public const string EnvironmentVariable = "RTCONV_GPU_VARIANT";

    private readonly VariantCache? _cache;
    private readonly IReadOnlyDictionary<GpuPassKind, ShaderVariant> _forced;
    private readonly Dictionary<string, string> _chosen = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a selector that times variants when <paramref name="tune"/> is set, remembering them in
    /// <paramref name="cache"/> (none: timed again by every new selector), and always honours <paramref name="forced"/>.
    /// </summary>
    public VariantSelector(bool tune, VariantCache? cache = null, IReadOnlyDictionary<GpuPassKind, ShaderVariant>? forced = null)
    {
        Tunes = tune;
        _cache = cache;
        _forced = forced ?? new Dictionary<GpuPassKind, ShaderVariant>();
    }

    /// <summary>Every pass on its default variant (or a forced one): nothing timed, nothing cached.</summary>
    public static VariantSelector Defaults(IReadOnlyDictionary<GpuPassKind, ShaderVariant>? forced = null) => new(false, null, forced);

    /// <summary>
    /// The selector of a program run: variants forced by <see cref="EnvironmentVariable"/>; with
    /// <paramref name="tune"/>, timing remembered in <see cref="VariantCache.DefaultPath"/>. Warnings
    /// (a corrupt cache) go to <paramref name="warnings"/> (default: standard error).
    /// </summary>
    /// <exception cref="ArgumentException">The environment variable names an unknown pass or variant.</exception>
    public static VariantSelector FromEnvironment(bool tune = true, TextWriter? warnings = null)
    {
        string? spec = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var forced = string.IsNullOrWhiteSpace(spec) ? null : ParseForced(spec, EnvironmentVariable);
        var cache = tune ? new VariantCache(VariantCache.DefaultPath(Environment.GetEnvironmentVariable), warnings ?? Console.Error) : null;
        return new VariantSelector(tune, cache, forced);
    }

    /// <summary>Parses "kind:variant[,kind:variant…]"; <paramref name="source"/> names where it came from in errors.</summary>
    /// <exception cref="ArgumentException">An unknown pass kind or variant, or a part without ':'.</exception>
    public static IReadOnlyDictionary<GpuPassKind, ShaderVariant> ParseForced(string spec, string source)
    {
        var forced = new Dictionary<GpuPassKind, ShaderVariant>();
        foreach (var raw in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = raw.IndexOf(':');
            if (colon <= 0 || !Enum.TryParse<GpuPassKind>(raw[..colon].Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                throw new ArgumentException($"{source}: '{raw}' is not kind:variant with kind one of {string.Join(", ", Enum.GetValues<GpuPassKind>().Select(ShaderVariants.Text))}");
            try
            {
                forced[kind] = ShaderVariants.Find(kind, raw[(colon + 1)..].Trim());
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{source}: {e.Message}", e);
            }
        }
        return forced;
    }

    /// <summary>Whether variants without a forced or remembered choice are timed.</summary>
    public bool Tunes { get; }

    /// <summary>The cache, when there is one.</summary>
    public VariantCache? Cache => _cache;

    /// <summary>What this selector chose so far, cache key → variant name (for <c>rtconv info</c> and tests).</summary>
    public IReadOnlyDictionary<string, string> Chosen => _chosen;

    /// <summary>The key a choice is remembered under: renderer, driver version, pass kind and shape class.</summary>
    public static string Key(GpuInfo info, GpuPassKind kind, string shapeClass) =>
        $"{info.Renderer} | {info.Version} | {ShaderVariants.Text(kind)} | {shapeClass}";

    /// <summary>
    /// The variant of <paramref name="kind"/> for <paramref name="shapeClass"/>; <paramref name="timeOnce"/>
    /// runs one variant once and returns its milliseconds, and is called only when timing decides.
    /// </summary>
    public ShaderVariant Choose(GpuInfo info, GpuPassKind kind, string shapeClass, Func<ShaderVariant, double> timeOnce)
    {
        string key = Key(info, kind, shapeClass);
        var chosen = ChooseUncached(key, kind, timeOnce);
        _chosen[key] = chosen.Name;
        return chosen;
    }

    private ShaderVariant ChooseUncached(string key, GpuPassKind kind, Func<ShaderVariant, double> timeOnce)
    {
        if (_forced.TryGetValue(kind, out var forced)) return forced;
        if (!Tunes) return ShaderVariants.Default(kind);
        if (_chosen.TryGetValue(key, out var earlier)) return ShaderVariants.Find(kind, earlier);
        // A remembered name this build no longer has falls through to timing.
        if (_cache?.Get(key) is { } remembered && ShaderVariants.For(kind).FirstOrDefault(v => v.Name == remembered) is { } known) return known;

        ShaderVariant best = ShaderVariants.Default(kind);
        double bestMs = double.PositiveInfinity;
        foreach (var variant in ShaderVariants.For(kind))
        {
            double ms = timeOnce(variant);
            if (ms < bestMs) (best, bestMs) = (variant, ms);
        }
        _cache?.Set(key, best.Name);
        return best;
    }
}
