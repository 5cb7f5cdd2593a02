namespace RealtimeConv.Gpu.Variants;

/// <summary>
/// The variants of each pass, the first being the default (used untimed). Three per pass keep the
/// one-off timing at start-up short. Names are "PIXxSLICES" for the dense passes and
/// "PIX_XxPIX_Y" for the depthwise and fused ones.
/// </summary>
public static class ShaderVariants
{
    // llvmpipe, 32 channels at 256×256, K = 3: depthwise 4×2 ~61–75 ms, 8×2 ~49 ms, 8×4 ~76 ms
    // (register pressure); pointwise 4 px × 2 slices ~104 ms, 4 × 4 ~91 ms, 8 × 4 ~94 ms.
    private static readonly ShaderVariant[] Depthwise = [new("8x2", 8, 2, 1), new("4x2", 4, 2, 1), new("8x1", 8, 1, 1)];
    private static readonly ShaderVariant[] Pointwise = [new("4x4", 4, 1, 4), new("4x2", 4, 1, 2), new("8x2", 8, 1, 2)];
    private static readonly ShaderVariant[] Standard = [new("4x2", 4, 1, 2), new("4x4", 4, 1, 4), new("8x2", 8, 1, 2)];

    // The fused pass holds every output slice of its tile (up to 8 for 32 channels): 4×1 keeps 32
    // vec4 accumulators, 8×1 and 4×2 keep 64 but load each input row for more outputs.
    private static readonly ShaderVariant[] Separable = [new("4x1", 4, 1, 0), new("8x1", 8, 1, 0), new("4x2", 4, 2, 0)];

    /// <summary>The variants of <paramref name="kind"/>, default first.</summary>
    public static IReadOnlyList<ShaderVariant> For(GpuPassKind kind) => kind switch
    {
        GpuPassKind.Depthwise => Depthwise,
        GpuPassKind.Pointwise => Pointwise,
        GpuPassKind.Standard => Standard,
        GpuPassKind.Separable => Separable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no GPU variants for this pass kind"),
    };

    /// <summary>The default variant of <paramref name="kind"/>.</summary>
    public static ShaderVariant Default(GpuPassKind kind) => For(kind)[0];

    /// <summary>The variant of <paramref name="kind"/> called <paramref name="name"/>, or an error listing the known ones.</summary>
    public static ShaderVariant Find(GpuPassKind kind, string name) =>
        For(kind).FirstOrDefault(v => v.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no {Text(kind)} GPU variant '{name}' (known: {string.Join(", ", For(kind).Select(v => v.Name))})");

    /// <summary>The lower-case name used in variant specs and cache keys, e.g. "pointwise".</summary>
    public static string Text(GpuPassKind kind) => kind.ToString().ToLowerInvariant();
}
