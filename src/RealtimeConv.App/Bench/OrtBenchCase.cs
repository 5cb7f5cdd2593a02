using System.Diagnostics;
using RealtimeConv.Kernels;
using RealtimeConv.Peers;
using RealtimeConv.Tensors;

namespace RealtimeConv.App.Bench;

/// <summary>
/// ONNX Runtime on NCHW buffers bound once: the input is converted from our layout before timing
/// starts, so the wall clock around <see cref="OrtBinding.Run"/> holds ORT's own work only.
/// </summary>
internal sealed class OrtBenchCase : IBenchCase
{
    private readonly OrtBinding _binding;

    /// <summary>Loads <paramref name="input"/> into <paramref name="binding"/>, which this case then owns.</summary>
    public OrtBenchCase(BenchOp op, BenchShape shape, OrtBinding binding, FeatureMap input)
    {
        Op = op;
        BytesMoved = Roofline.NchwBytesMoved(op, shape);
        _binding = binding;
        _binding.Load(input);
    }

    /// <inheritdoc />
    public string Backend => "ort";

    /// <inheritdoc />
    public BenchOp Op { get; }

    /// <inheritdoc />
    public long? BytesMoved { get; }

    /// <inheritdoc />
    public PassTiming RunOnce()
    {
        long start = Stopwatch.GetTimestamp();
        _binding.Run();
        return new PassTiming(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "wall");
    }

    /// <inheritdoc />
    public void Dispose() => _binding.Dispose();
}
