using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// Cross-platform <see cref="Vector256{T}"/> operators: a multiply then an add (two roundings), which
/// the runtime maps to AVX, to two NEON halves, or to its software fallback. Used where FMA3/AVX2 are
/// missing, and forced in tests so that this path is checked on every machine.
/// </summary>
internal readonly struct PortableMath : IVectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Permute(Vector256<float> value, Vector256<int> lanes) => Vector256.Shuffle(value, lanes);

    /// <summary>A plain store: the portable path has no non-temporal store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StoreStreaming(Vector256<float> value, float* address) => value.Store(address);

    /// <summary>Nothing: the portable path has no prefetch instruction, and the hint may always be dropped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(void* address)
    {
    }

    /// <summary>Nothing to order after plain stores.</summary>
    public static void StreamingFence()
    {
    }
}
