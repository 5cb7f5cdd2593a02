namespace RealtimeConv.Gpu.Variants;

/// <summary>
/// One way of cutting a pass's work into invocations: the output tile each invocation computes. The
/// values become the shader's <c>PIX_X</c>, <c>PIX_Y</c> and <c>SLICE_BLOCK</c> defines, so the loops
/// over them unroll. Larger tiles reuse each loaded input and weight more often but hold more
/// accumulators in registers; which wins depends on the driver, hence the choice by timing
/// (<see cref="VariantSelector"/>).
/// </summary>
/// <param name="Name">Short name used by <c>RTCONV_GPU_VARIANT</c> and the cache, e.g. "4x4".</param>
/// <param name="PixelsX">Output pixels along a row per invocation.</param>
/// <param name="PixelsY">Output rows per invocation (1 for pointwise and standard).</param>
/// <param name="SliceBlock">Output slices (4 channels each) per invocation; the fused pass always does all of them.</param>
public sealed record ShaderVariant(string Name, int PixelsX, int PixelsY, int SliceBlock)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
