namespace RealtimeConv.Pipelines;

/// <summary>What resolving a block for a mode did to it.</summary>
public enum BlockResolution
{
    /// <summary>The block already had the mode's form.</summary>
    AsDefined,

    /// <summary>A separable block with no activation between its passes became one exactly equal standard layer.</summary>
    ComposedExactly,

    /// <summary>A separable block's linear parts were composed and the activation between them dropped; outputs differ.</summary>
    ComposedDroppingActivation,

    /// <summary>A standard block was approximated by a depthwise-separable pair (truncated SVD per input channel).</summary>
    Fitted,
}
