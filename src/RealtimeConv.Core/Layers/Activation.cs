namespace RealtimeConv.Layers;

/// <summary>The pointwise non-linearity applied after a layer's bias.</summary>
public enum Activation
{
    /// <summary>Identity.</summary>
    None,

    /// <summary><c>max(x, 0)</c>.</summary>
    Relu,

    /// <summary><c>min(max(x, 0), 6)</c>, as in MobileNet.</summary>
    Relu6,
}

/// <summary>Scalar definitions of the activations: the one place their maths is written for C#.</summary>
public static class ActivationMath
{
    /// <summary>Applies <paramref name="activation"/> to one value.</summary>
    public static float Apply(Activation activation, float x) => activation switch
    {
        Activation.None => x,
        Activation.Relu => MathF.Max(x, 0f),
        Activation.Relu6 => MathF.Min(MathF.Max(x, 0f), 6f),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>Parses "none", "relu" or "relu6" (case-insensitive).</summary>
    public static bool TryParse(string text, out Activation activation)
    {
        switch (text.ToLowerInvariant())
        {
            case "none" or "linear" or "identity": activation = Activation.None; return true;
            case "relu": activation = Activation.Relu; return true;
            case "relu6": activation = Activation.Relu6; return true;
            default: activation = Activation.None; return false;
        }
    }

    /// <summary>The lower-case name used in pipeline files and logs.</summary>
    public static string Name(this Activation activation) => activation.ToString().ToLowerInvariant();
}
