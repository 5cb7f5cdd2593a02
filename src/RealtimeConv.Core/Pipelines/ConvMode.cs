namespace RealtimeConv.Pipelines;

/// <summary>How a pipeline's blocks are computed.</summary>
public enum ConvMode
{
    /// <summary>Every block as one standard K×K convolution (separable blocks are composed).</summary>
    Standard,

    /// <summary>Every block as depthwise then pointwise (standard blocks are fitted).</summary>
    Separable,
}
