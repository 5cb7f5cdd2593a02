using RealtimeConv.Kernels;

namespace RealtimeConv.App.Bench;

/// <summary>One thing the bench times: an op of one shape on one backend, prepared and ready to run.</summary>
internal interface IBenchCase : IDisposable
{
    /// <summary>The backend's name ("cpu", "cpu-ref", "gpu", "ort").</summary>
    string Backend { get; }

    /// <summary>The op it runs.</summary>
    BenchOp Op { get; }

    /// <summary>Runs once and says how long it took and by which clock.</summary>
    PassTiming RunOnce();

    /// <summary>
    /// Bytes one run must read and write at least, in the layout its maps are in (each map once, weights left
    /// out), or what the memory roof copies; null where the case does not count them (the compute roof).
    /// </summary>
    long? BytesMoved => null;
}
