using Microsoft.ML.OnnxRuntime;
using RealtimeConv.Tensors;

namespace RealtimeConv.Peers;

/// <summary>
/// An <see cref="OrtConvSession"/> bound to pinned NCHW buffers of one image size. <see cref="Run"/>
/// is ONNX Runtime's own work and nothing else (no layout conversion, no allocation of ours), which
/// is what the bench times; <see cref="Load"/> and <see cref="Store"/> convert from and to our
/// channel-blocked maps outside that window.
/// </summary>
public sealed class OrtBinding : IDisposable
{
    private static readonly string[] InputNames = [OnnxConvModel.InputName];
    private static readonly string[] OutputNames = [OnnxConvModel.OutputName];

    private readonly OrtConvSession _session;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly RunOptions _runOptions;
    private bool _disposed;

    internal OrtBinding(OrtConvSession session, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _session = session;
        Height = height;
        Width = width;
        OutputHeight = session.OutputSize(height);
        OutputWidth = session.OutputSize(width);
        // Pinned, so the OrtValues may point at them for the binding's whole life.
        _input = GC.AllocateArray<float>(checked(session.InChannels * height * width), pinned: true);
        _output = GC.AllocateArray<float>(checked(session.OutChannels * OutputHeight * OutputWidth), pinned: true);
        _inputValues = [OrtValue.CreateTensorValueFromMemory(_input, [1, session.InChannels, height, width])];
        _outputValues = [OrtValue.CreateTensorValueFromMemory(_output, [1, session.OutChannels, OutputHeight, OutputWidth])];
        _runOptions = new RunOptions();
    }

    /// <summary>Input height in pixels.</summary>
    public int Height { get; }

    /// <summary>Input width in pixels.</summary>
    public int Width { get; }

    /// <summary>Output height after every layer's stride.</summary>
    public int OutputHeight { get; }

    /// <summary>Output width after every layer's stride.</summary>
    public int OutputWidth { get; }

    /// <summary>The NCHW input buffer, <c>[1][M][H][W]</c>; write it before <see cref="Run"/>.</summary>
    public Span<float> Input => _input;

    /// <summary>The NCHW output buffer, <c>[1][N][OH][OW]</c>, valid after <see cref="Run"/>.</summary>
    public ReadOnlySpan<float> Output => _output;

    /// <summary>Runs the session on the bound buffers.</summary>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _session.Run(_runOptions, InputNames, _inputValues, OutputNames, _outputValues);
    }

    /// <summary>Copies <paramref name="input"/> (either layout) into the NCHW input buffer.</summary>
    public void Load(FeatureMap input)
    {
        if (input.Channels != _session.InChannels || input.Height != Height || input.Width != Width)
            throw new ArgumentException($"ORT model '{_session.Name}' is bound to {_session.InChannels}×{Height}×{Width}, the input is {input.ShapeText}", nameof(input));
        input.WritePlanar(_input);
    }

    /// <summary>Copies the NCHW output buffer into <paramref name="output"/> (either layout), every float of it: padding becomes zero.</summary>
    public void Store(FeatureMap output)
    {
        if (output.Channels != _session.OutChannels || output.Height != OutputHeight || output.Width != OutputWidth)
            throw new ArgumentException($"ORT model '{_session.Name}' makes {_session.OutChannels}×{OutputHeight}×{OutputWidth}, the output is {output.ShapeText}", nameof(output));
        output.ReadPlanar(_output);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _runOptions.Dispose();
        _inputValues[0].Dispose();
        _outputValues[0].Dispose();
    }
}
