namespace RealtimeConv.Kernels.Fast;

/// <summary>Stride 1.</summary>
internal readonly struct StrideOne : IStride
{
    public static int Value => 1;
}
