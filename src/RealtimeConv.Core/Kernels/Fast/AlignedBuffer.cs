using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RealtimeConv.Kernels.Fast;

/// <summary>
/// A pinned float array whose usable part starts on a 64-byte line, so that packed weights and
/// scratch rows are read with aligned vector loads that never straddle two cache lines.
/// </summary>
internal sealed unsafe class AlignedBuffer
{
    private const int AlignmentFloats = 16;
    private readonly float[] _storage;

    /// <summary>Allocates <paramref name="length"/> zeroed floats.</summary>
    public AlignedBuffer(int length)
    {
        Length = length;
        _storage = GC.AllocateArray<float>(length + AlignmentFloats, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        int offset = (int)((AlignmentFloats * sizeof(float) - address % (AlignmentFloats * sizeof(float))) % (AlignmentFloats * sizeof(float)) / sizeof(float));
        Pointer = (float*)address + offset;
    }

    /// <summary>Usable floats.</summary>
    public int Length { get; }

    /// <summary>The first usable float; valid for the life of this object (the array is pinned).</summary>
    public float* Pointer { get; }

    /// <summary>The usable floats as a span.</summary>
    public Span<float> Span => new(Pointer, Length);
}
