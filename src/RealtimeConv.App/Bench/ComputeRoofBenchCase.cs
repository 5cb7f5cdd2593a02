using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Fast;

namespace RealtimeConv.App.Bench;

/// <summary>
/// Not a convolution: the machine's float32 multiply-add ceiling, measured among a shape's rows rather
/// than looked up. Every worker of a thread team like the kernels' runs twelve independent chains of
/// 8-lane FMAs on registers only (enough to hide the FMA latency of current x86 cores), so nothing but
/// the arithmetic units limits it. Timed interleaved like every other case: on a virtual machine whose
/// second core is shared with another guest the ceiling moves (93–194 GFLOP/s seen on one 2-core KVM
/// guest within the hour), and a row is best judged against the ceiling it met. The compute roof of the
/// roofline (<see cref="Roofline"/>).
/// </summary>
internal sealed class ComputeRoofBenchCase : IBenchCase, IPartitionedJob
{
    /// <summary>Loop iterations per worker and run (12 FMAs each): about 2 ms per run at 90 GFLOP/s per core.</summary>
    private const long Iterations = 1_000_000;

    private readonly WorkerTeam _team = new(Environment.ProcessorCount);
    private Vector256<float> _sink;

    /// <summary>Multiply-adds of one run, every lane of every worker: the row's GFLOP/s is then the roof.</summary>
    public long MultiplyAdds => 12L * Vector256<float>.Count * Iterations * _team.Count;

    /// <inheritdoc />
    public string Backend => Roofline.BackendName;

    /// <inheritdoc />
    public BenchOp Op => BenchOp.ComputeRoof;

    /// <inheritdoc />
    public PassTiming RunOnce()
    {
        long start = Stopwatch.GetTimestamp();
        _team.Run(this);
        return new PassTiming(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "wall");
    }

    /// <inheritdoc />
    public void Execute(int worker, int workers)
    {
        var result = Chains(Iterations, Vector256.Create(0.999f));
        // Kept, so the chains are not optimised away; which worker's value survives does not matter.
        if (worker == 0) _sink = result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _team.Dispose();
        GC.KeepAlive(_sink);
    }

    /// <summary>Twelve independent accumulator chains, compiled optimised from the first call as a tiered-up kernel would be.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static Vector256<float> Chains(long iterations, Vector256<float> x)
    {
        var w = Vector256.Create(1e-3f);
        Vector256<float> a0 = w, a1 = w, a2 = w, a3 = w, a4 = w, a5 = w, a6 = w, a7 = w, a8 = w, a9 = w, a10 = w, a11 = w;
        for (long i = 0; i < iterations; i++)
        {
            a0 = MultiplyAdd(a0, x, w); a1 = MultiplyAdd(a1, x, w); a2 = MultiplyAdd(a2, x, w); a3 = MultiplyAdd(a3, x, w);
            a4 = MultiplyAdd(a4, x, w); a5 = MultiplyAdd(a5, x, w); a6 = MultiplyAdd(a6, x, w); a7 = MultiplyAdd(a7, x, w);
            a8 = MultiplyAdd(a8, x, w); a9 = MultiplyAdd(a9, x, w); a10 = MultiplyAdd(a10, x, w); a11 = MultiplyAdd(a11, x, w);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    /// <summary>One FMA where the CPU has it, else the multiply and add the portable kernels use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;
}
