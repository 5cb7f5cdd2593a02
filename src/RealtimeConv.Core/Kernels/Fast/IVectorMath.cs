using System.Runtime.Intrinsics;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// The two vector operations whose instruction depends on the CPU. The kernels are generic over a
/// struct implementing this, so the JIT compiles one specialised copy per implementation and the
/// choice costs nothing inside the loops.
/// </summary>
internal interface IVectorMath
{
    /// <summary><c>a · b + c</c>, fused (one rounding) where the hardware has FMA.</summary>
    static abstract Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c);

    /// <summary>Lane <c>j</c> of the result is lane <c>lanes[j]</c> (0..7) of <paramref name="value"/>.</summary>
    static abstract Vector256<float> Permute(Vector256<float> value, Vector256<int> lanes);

    /// <summary>
    /// Stores to a 32-byte aligned address past the caches (a non-temporal store) where the CPU has one,
    /// a plain store elsewhere: for outputs too large to stay cached, it skips the read-for-ownership of
    /// every line. The caller ends its share with <see cref="StreamingFence"/>.
    /// </summary>
    static abstract unsafe void StoreStreaming(Vector256<float> value, float* address);

    /// <summary>
    /// Asks for the cache line holding <paramref name="address"/> to be fetched ahead of its use: a hint, which never
    /// faults and may be ignored (<see cref="ReadAhead"/>).
    /// </summary>
    static abstract unsafe void Prefetch(void* address);

    /// <summary>Orders earlier streaming stores before later stores (<c>sfence</c>), so the workers' hand-back publishes them.</summary>
    static abstract void StreamingFence();
}
