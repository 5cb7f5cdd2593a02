namespace RealtimeConv.Gpu.Variants;

/// <summary>The GPU passes that come in several shader variants.</summary>
public enum GpuPassKind
{
    /// <summary>depthwise.comp.</summary>
    Depthwise,

    /// <summary>pointwise.comp.</summary>
    Pointwise,

    /// <summary>standard.comp.</summary>
    Standard,

    /// <summary>separable.comp: a depthwise layer and the pointwise layer after it in one pass.</summary>
    Separable,
}
