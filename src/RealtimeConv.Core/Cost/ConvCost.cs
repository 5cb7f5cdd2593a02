using RealtimeConv.Layers;

namespace RealtimeConv.Cost;

/// <summary>
/// Multiplication counts of the three convolutions (MobileNet, Howard et al. 2017, section 3.1),
/// for an output of DG × DG pixels (generalised here to DGh × DGw, after the stride):
/// <code>
///   standard   K×K, M → N :  N · DG² · DK² · M
///   depthwise  K×K, M → M·d:      DG² · DK² · M · d
///   pointwise  1×1, C → N :  C · N · DG²
///   separable = depthwise + pointwise (C = M·d) = DG² · DK² · M · d + M · d · N · DG²
///   separable / standard = d · (1/N + 1/DK²)            (the seed's 1/N + 1/DK² for d = 1)
/// </code>
/// A multiply-add is two floating-point operations, which is how GFLOP/s is counted in the bench.
/// </summary>
public static class ConvCost
{
    /// <summary>Multiplications of <paramref name="layer"/> on an input of <paramref name="inputHeight"/> × <paramref name="inputWidth"/>.</summary>
    public static long Multiplications(ConvLayer layer, int inputHeight, int inputWidth)
    {
        long dg2 = (long)layer.OutputSize(inputHeight) * layer.OutputSize(inputWidth);
        long dk2 = (long)layer.Kernel * layer.Kernel;
        return layer.Kind switch
        {
            ConvKind.Standard => layer.OutChannels * dg2 * dk2 * layer.InChannels,
            ConvKind.Depthwise => dg2 * dk2 * layer.InChannels * layer.Multiplier,
            ConvKind.Pointwise => (long)layer.InChannels * layer.OutChannels * dg2,
            _ => throw new ArgumentOutOfRangeException(nameof(layer)),
        };
    }

    /// <summary>Standard K×K conv M → N over an output of <paramref name="outputPixels"/> (DG²) pixels.</summary>
    public static long Standard(int m, int n, int k, long outputPixels) => (long)n * outputPixels * k * k * m;

    /// <summary>Depthwise K×K with multiplier d then pointwise M·d → N, over DG² output pixels.</summary>
    public static long Separable(int m, int n, int k, long outputPixels, int multiplier = 1) =>
        outputPixels * k * k * m * multiplier + (long)m * multiplier * n * outputPixels;

    /// <summary>The seed's ratio separable/standard: <c>d · (1/N + 1/DK²)</c>.</summary>
    public static double SeparableOverStandard(int n, int k, int multiplier = 1) =>
        multiplier * (1.0 / n + 1.0 / (k * k));

    /// <summary>The theoretical speed-up of separable over standard: the inverse of <see cref="SeparableOverStandard"/>.</summary>
    public static double TheoreticalSpeedup(int n, int k, int multiplier = 1) => 1.0 / SeparableOverStandard(n, k, multiplier);

    /// <summary>GFLOP/s for <paramref name="multiplications"/> multiply-adds done in <paramref name="milliseconds"/>.</summary>
    public static double GigaflopsPerSecond(long multiplications, double milliseconds) =>
        milliseconds <= 0 ? 0 : 2.0 * multiplications / (milliseconds * 1e6);
}
