using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using RealtimeConv.Layers;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// An activation folded into the store as <c>min(max(x, Low), High)</c>: None is (−∞, +∞), ReLU is
/// (0, +∞), ReLU6 is (0, 6). Two instructions per stored vector and no branch in the loops.
/// </summary>
internal readonly unsafe struct OutputClamp
{
    private OutputClamp(float low, float high)
    {
        Low = Vector256.Create(low);
        High = Vector256.Create(high);
    }

    /// <summary>Lower bound in every lane.</summary>
    public Vector256<float> Low { get; }

    /// <summary>Upper bound in every lane.</summary>
    public Vector256<float> High { get; }

    /// <summary>The clamp that computes <paramref name="activation"/> (see <see cref="ActivationMath.Apply"/>).</summary>
    public static OutputClamp For(Activation activation) => activation switch
    {
        Activation.None => new(float.NegativeInfinity, float.PositiveInfinity),
        Activation.Relu => new(0f, float.PositiveInfinity),
        Activation.Relu6 => new(0f, 6f),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>Applies the clamp. <c>MaxNative</c>/<c>MinNative</c> are single <c>vmaxps</c>/<c>vminps</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> value) => Vector256.MinNative(Vector256.MaxNative(value, Low), High);

    /// <summary>Six consecutive pixels' vectors, activated, stored from <paramref name="output"/> on: a depthwise group's results.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreSix(float* output, Vector256<float> p0, Vector256<float> p1, Vector256<float> p2,
        Vector256<float> p3, Vector256<float> p4, Vector256<float> p5)
    {
        Apply(p0).Store(output);
        Apply(p1).Store(output + 8);
        Apply(p2).Store(output + 16);
        Apply(p3).Store(output + 24);
        Apply(p4).Store(output + 32);
        Apply(p5).Store(output + 40);
    }
}
