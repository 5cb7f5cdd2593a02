using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RealtimeConv.Kernels.Fast;

/// <summary>AVX2 + FMA3: one <c>vfmadd231ps</c> per multiply-add. Only chosen when <see cref="IsSupported"/>.</summary>
internal readonly struct FmaMath : IVectorMath
{
    /// <summary>Whether this CPU (and runtime) can run these instructions.</summary>
    public static bool IsSupported => Fma.IsSupported && Avx2.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Fma.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Permute(Vector256<float> value, Vector256<int> lanes) => Avx2.PermuteVar8x32(value, lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StoreStreaming(Vector256<float> value, float* address) => Avx.StoreAlignedNonTemporal(address, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(void* address) => Sse.Prefetch0(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StreamingFence() => Sse.StoreFence();
}
