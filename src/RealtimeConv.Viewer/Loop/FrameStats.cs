using System.Globalization;
using RealtimeConv.Viewer.Compute;
using RealtimeConv.Viewer.Display;

namespace RealtimeConv.Viewer.Loop;

/// <summary>
/// Frame times kept per (view mode, backend), for <c>--stats</c>: the median frame time and fps of each
/// combination that ran, and how many frames each image change took to reach the screen. Samples go into
/// preallocated rings, so recording a frame allocates nothing.
/// </summary>
public sealed class FrameStats
{
    /// <summary>Samples kept per combination (the most recent).</summary>
    public const int Capacity = 8192;

    private readonly double[][] _frames;
    private readonly double[][] _compute;
    private readonly double[][] _allocated;
    private readonly long[] _counts;
    private readonly List<int> _changeFrames = [];

    /// <summary>Creates empty statistics.</summary>
    public FrameStats()
    {
        int slots = Enum.GetValues<ViewMode>().Length * BackendCount;
        _frames = new double[slots][];
        _compute = new double[slots][];
        _allocated = new double[slots][];
        _counts = new long[slots];
        for (int i = 0; i < slots; i++)
        {
            _frames[i] = new double[Capacity];
            _compute[i] = new double[Capacity];
            _allocated[i] = new double[Capacity];
        }
    }

    /// <summary>
    /// Records one frame of <paramref name="frameMs"/> of which <paramref name="computeMs"/> was convolution,
    /// and the bytes the frame thread allocated during it.
    /// </summary>
    public void AddFrame(ViewMode mode, ComputeBackendKind backend, double frameMs, double computeMs, long allocatedBytes = 0)
    {
        int slot = Slot(mode, backend);
        int at = (int)(_counts[slot] % Capacity);
        _frames[slot][at] = frameMs;
        _compute[slot][at] = computeMs;
        _allocated[slot][at] = allocatedBytes;
        _counts[slot]++;
    }

    /// <summary>Records that an image change took <paramref name="frames"/> frames to show (1 = the next frame).</summary>
    public void AddImageChange(int frames) => _changeFrames.Add(frames);

    /// <summary>Frames recorded for a combination.</summary>
    public long Count(ViewMode mode, ComputeBackendKind backend) => _counts[Slot(mode, backend)];

    /// <summary>The median frame time of a combination, in milliseconds (NaN when none).</summary>
    public double MedianFrameMilliseconds(ViewMode mode, ComputeBackendKind backend) => Median(_frames, Slot(mode, backend));

    /// <summary>The median convolution time of a combination, in milliseconds (NaN when none).</summary>
    public double MedianComputeMilliseconds(ViewMode mode, ComputeBackendKind backend) => Median(_compute, Slot(mode, backend));

    /// <summary>The median bytes allocated per frame by the frame thread (0 in the steady state).</summary>
    public double MedianAllocatedBytes(ViewMode mode, ComputeBackendKind backend) => Median(_allocated, Slot(mode, backend));

    /// <summary>The image changes recorded, in frames each.</summary>
    public IReadOnlyList<int> ImageChanges => _changeFrames;

    /// <summary>The report printed on exit: one line per combination that ran, one for image changes.</summary>
    public IEnumerable<string> Report()
    {
        foreach (var mode in Enum.GetValues<ViewMode>())
        {
            foreach (var backend in Enum.GetValues<ComputeBackendKind>())
            {
                long count = Count(mode, backend);
                if (count == 0) continue;
                double frame = MedianFrameMilliseconds(mode, backend);
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"stats mode={ViewerState.ModeName(mode)} backend={backend.ToString().ToLowerInvariant()} frames={count} median_frame_ms={frame:F2} fps={1000 / frame:F1} median_compute_ms={MedianComputeMilliseconds(mode, backend):F2} median_allocated_bytes={MedianAllocatedBytes(mode, backend):F0} clock=wall");
            }
        }
        if (_changeFrames.Count == 0)
        {
            yield return "stats image_changes=0";
        }
        else
        {
            var sorted = _changeFrames.Order().ToArray();
            double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2.0;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"stats image_changes={sorted.Length} frames_to_show_median={median:0.#} frames_to_show_max={sorted[^1]}");
        }
    }

    // Read once: Enum.GetValues allocates, and Slot runs every frame.
    private static readonly int BackendCount = Enum.GetValues<ComputeBackendKind>().Length;

    private static int Slot(ViewMode mode, ComputeBackendKind backend) => (int)mode * BackendCount + (int)backend;

    private double Median(double[][] samples, int slot)
    {
        int count = (int)Math.Min(_counts[slot], Capacity);
        if (count == 0) return double.NaN;
        var sorted = samples[slot].AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }
}
