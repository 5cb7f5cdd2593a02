namespace RealtimeConv.Layers;

/// <summary>Which of the three convolutions a layer is.</summary>
public enum ConvKind
{
    /// <summary>K×K over all input channels, M → N (ONNX Conv, group = 1).</summary>
    Standard,

    /// <summary>K×K per input channel, M → M·d (ONNX Conv, group = M).</summary>
    Depthwise,

    /// <summary>1×1 over all input channels, M → N: a matrix product per pixel.</summary>
    Pointwise,
}
