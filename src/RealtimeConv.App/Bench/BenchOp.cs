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

    /// <summary>Depthwise then pointwise, M → M → N.</summary>
    Separable,
}
