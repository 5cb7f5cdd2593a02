namespace RealtimeConv.App.Bench;

/// <summary>What one bench row times.</summary>
internal enum BenchOp
{
    /// <summary>K×K convolution M → N.</summary>
    Standard,

    /// <summary>K×K depthwise M → M (multiplier 1).</summary>
    Depthwise,

    /// <summary>1×1 convolution M → N.</summary>
    Pointwise,

    /// <summary>Depthwise then pointwise, M → M → N, as two passes through an intermediate map.</summary>
    Separable,

    /// <summary>
    /// Depthwise then pointwise as one fused pass (backends with <c>ISeparableFusion</c>); compared with
    /// ONNX Runtime's separable row, as both compute the same thing.
    /// </summary>
    Fused,

    /// <summary>
    /// Not a convolution: plain copies of the input map (<see cref="MemoryRoofBenchCase"/>), timed among a
    /// shape's rows as the memory roof of its roofline.
    /// </summary>
    MemoryRoof,

    /// <summary>
    /// Not a convolution: register-only FMA chains on every core (<see cref="ComputeRoofBenchCase"/>), timed
    /// among a shape's rows as the compute roof of its roofline.
    /// </summary>
    ComputeRoof,
}
