namespace RealtimeConv.App.Bench;

/// <summary>One row of the bench grid: M input channels, N output channels, an H × W image, a K × K kernel.</summary>
/// <param name="M">Input channels.</param>
/// <param name="N">Output channels of the standard and pointwise convolutions.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="K">Kernel side of the standard and depthwise convolutions.</param>
internal sealed record BenchShape(int M, int N, int Height, int Width, int K)
{
    /// <summary>"M,N,HxW,K", the form <c>--shapes</c> accepts.</summary>
    public string Spec => $"{M},{N},{Width}x{Height},{K}";

    /// <summary>Output pixels DG² (stride 1).</summary>
    public long Pixels => (long)Height * Width;

    /// <inheritdoc />
    public override string ToString() => $"{M}→{N} {Width}×{Height} K{K}";
}
