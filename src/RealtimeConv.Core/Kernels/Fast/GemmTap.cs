namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// One kernel tap of an implicit GEMM: where its input pixel is relative to the output pixel's anchor
/// (in floats, inside channel block 0) and where its weights start in the n-tile's packed panel.
/// </summary>
internal struct GemmTap
{
    /// <summary>Floats from the anchor input pixel to this tap's input pixel.</summary>
    public int InputOffset;

    /// <summary>Floats from the panel start to this tap's <c>[M][16]</c> weights.</summary>
    public int WeightOffset;
}
