using System.Runtime.InteropServices;
using RealtimeConv.Peers;

namespace RealtimeConv.App.Bench;

/// <summary>What the bench ran on, written beside the numbers so they can be compared honestly.</summary>
/// <param name="CpuModel">"model name" from /proc/cpuinfo, or the architecture where that file is missing.</param>
/// <param name="LogicalCores">Logical processors visible to the process.</param>
/// <param name="Avx2">Whether AVX2 is available to .NET.</param>
/// <param name="Fma">Whether FMA3 is available to .NET.</param>
/// <param name="Os">The OS description.</param>
/// <param name="DotNet">The .NET runtime.</param>
/// <param name="OrtVersion">The ONNX Runtime build.</param>
/// <param name="CacheWarm">Whether the timed runs find their data in cache (see <see cref="CacheNote"/>).</param>
/// <param name="CacheNote">How the bench treats the caches.</param>
/// <param name="Date">When the bench ran (UTC).</param>
/// <param name="GlRenderer">GL_RENDERER of the gpu backend when it is in the run; null otherwise.</param>
internal sealed record MachineInfo(string CpuModel, int LogicalCores, bool Avx2, bool Fma, string Os, string DotNet,
    string OrtVersion, bool CacheWarm, string CacheNote, DateTimeOffset Date, string? GlRenderer = null)
{
    /// <summary>How the runner treats the caches by default, said once here and in the table and JSON.</summary>
    public const string CacheTreatment =
        "warm: after the warm-up every run reuses the same input, weights and output maps, nothing is flushed; " +
        "but a shape's cases run interleaved, so when their maps together exceed the last-level cache a run finds its data partly in DRAM";

    /// <summary>How <c>--cold</c> treats the caches.</summary>
    public const string ColdCacheTreatment =
        "cold: before every timed run a buffer of twice the last-level cache is written, evicting the input, weights and outputs; " +
        "the eviction is not timed";

    /// <summary>Reads the facts of this machine; <paramref name="cold"/> says which cache treatment the run uses.</summary>
    public static MachineInfo Detect(bool cold = false) => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        System.Runtime.Intrinsics.X86.Avx2.IsSupported,
        System.Runtime.Intrinsics.X86.Fma.IsSupported,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        OrtConvSession.RuntimeVersion,
        CacheWarm: !cold,
        cold ? ColdCacheTreatment : CacheTreatment,
        DateTimeOffset.UtcNow);

    private static string ReadCpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            foreach (var line in File.ReadLines(cpuinfo))
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && line[..colon].Trim() == "model name") return line[(colon + 1)..].Trim();
            }
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
