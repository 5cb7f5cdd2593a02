namespace RealtimeConv.Kernels.Fast;

/// <summary>Stride 2.</summary>
internal readonly struct StrideTwo : IStride
{
    public static int Value => 2;
}
