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
}
