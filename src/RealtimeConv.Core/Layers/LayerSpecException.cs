namespace RealtimeConv.Layers;

/// <summary>A layer definition that cannot be built; the message names the layer and the field.</summary>
public sealed class LayerSpecException : Exception
{
    /// <summary>Creates the exception for <paramref name="layer"/>'s <paramref name="field"/>.</summary>
    public LayerSpecException(string layer, string field, string problem)
        : base($"layer '{layer}': {field}: {problem}")
    {
        Layer = layer;
        Field = field;
    }

    /// <summary>The layer's name.</summary>
    public string Layer { get; }

    /// <summary>The offending field ("kernel", "weights", …).</summary>
    public string Field { get; }
}
