using System.Runtime.InteropServices;

namespace RealtimeConv.Tensors;

/// <summary>
/// Asks Linux to back a large map with 2 MiB pages (transparent huge pages) where it is set to "madvise",
/// as Debian is by default. With 4 KiB pages a map of a few MiB spans thousands of pages, more than the
/// CPU's TLB holds, and each kernel sweep walks page tables again; under a hypervisor every walk is a
/// nested one. Only a hint: elsewhere, or where the kernel says no, nothing changes.
/// </summary>
internal static partial class HugePages
{
    /// <summary>Bytes of one huge page on x86-64 and arm64 Linux.</summary>
    public const long PageBytes = 2L << 20;

    /// <summary>Maps at least this large are aligned to <see cref="PageBytes"/> and advised; smaller ones fit the TLB anyway.</summary>
    public const long MinimumBytes = 4L << 20;

    private const int MadviseHugePage = 14; // MADV_HUGEPAGE

    /// <summary>Whether allocations of <paramref name="bytes"/> are worth aligning and advising here.</summary>
    public static bool Worthwhile(long bytes) => bytes >= MinimumBytes && OperatingSystem.IsLinux();

    /// <summary>
    /// Advises the whole huge pages inside <c>[start, start + bytes)</c>. Memory not yet touched then faults in
    /// as huge pages; memory already touched is left to the kernel's background collapsing. Returns whether
    /// the kernel accepted the advice (false where THP is off, or off Linux).
    /// </summary>
    public static unsafe bool Advise(void* start, long bytes)
    {
        if (!OperatingSystem.IsLinux()) return false;
        long first = ((long)start + PageBytes - 1) & ~(PageBytes - 1);
        long end = ((long)start + bytes) & ~(PageBytes - 1);
        return end > first && Madvise((nint)first, (nuint)(end - first), MadviseHugePage) == 0;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
