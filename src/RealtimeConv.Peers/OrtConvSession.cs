using Microsoft.ML.OnnxRuntime;
using RealtimeConv.Layers;

namespace RealtimeConv.Peers;

/// <summary>
/// One ONNX Runtime <see cref="InferenceSession"/> over a chain of Conv layers built in code by
/// <see cref="OnnxConvModel"/> (one layer, or depthwise then pointwise for "separable"), on the CPU
/// execution provider with graph optimisation "all". Owns the session and its options.
/// </summary>
public sealed class OrtConvSession : IDisposable
{
    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private bool _disposed;

    /// <summary>Builds the model for <paramref name="layers"/> and opens a session on it.</summary>
    public OrtConvSession(IReadOnlyList<ConvLayer> layers, OrtConvOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IntraOpThreads < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.IntraOpThreads, "ORT needs at least one intra-op thread");
        Name = name;
        Layers = layers.ToArray();
        var model = OnnxConvModel.BuildBytes(Layers, name);
        _sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            _sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
            _session = new InferenceSession(model, _sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            _sessionOptions.Dispose();
            throw new InvalidOperationException($"ONNX Runtime rejected the model '{name}': {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>The model's name, used in messages.</summary>
    public string Name { get; }

    /// <summary>The layers, in execution order.</summary>
    public IReadOnlyList<ConvLayer> Layers { get; }

    /// <summary>Channels of the model's input.</summary>
    public int InChannels => Layers[0].InChannels;

    /// <summary>Channels of the model's output.</summary>
    public int OutChannels => Layers[^1].OutChannels;

    /// <summary>The ONNX Runtime build in use, e.g. "1.31.1".</summary>
    public static string RuntimeVersion => OrtEnv.Instance().GetVersionString();

    /// <summary>Output side for an input side of <paramref name="side"/> pixels, through every layer's stride.</summary>
    public int OutputSize(int side)
    {
        foreach (var layer in Layers) side = layer.OutputSize(side);
        return side;
    }

    /// <summary>Allocates pinned NCHW input and output buffers for one image size and binds them to this session.</summary>
    public OrtBinding Bind(int height, int width)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new OrtBinding(this, height, width);
    }

    internal void Run(RunOptions runOptions, string[] inputNames, OrtValue[] inputs, string[] outputNames, OrtValue[] outputs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _session.Run(runOptions, inputNames, inputs, outputNames, outputs);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidOperationException($"ONNX Runtime failed running '{Name}': {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _session.Dispose();
        _sessionOptions.Dispose();
    }
}
