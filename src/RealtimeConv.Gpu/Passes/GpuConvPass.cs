using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Timing;
using RealtimeConv.Kernels;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// A GPU pass behind the CPU's <see cref="IConvPass"/> contract: upload, dispatch, read back, on the
/// backend's GL thread. Its timing is the GPU's own clock around the dispatches (upload and readback
/// excluded). Owns its GPU maps, staging and timer.
/// </summary>
public sealed class GpuConvPass : ITimedPass, IDisposable
{
    private readonly GlThread _thread;
    private readonly GpuDevice _device;
    private readonly IGpuPass _pass;
    private readonly GpuFeatureMap _input;
    private readonly GpuFeatureMap _output;
    private readonly GpuTimer _timer;
    private float[] _staging = [];
    private bool _disposed;

    internal GpuConvPass(GlThread thread, GpuDevice device, IGpuPass pass)
    {
        _thread = thread;
        _device = device;
        _pass = pass;
        _input = new GpuFeatureMap(device, pass.Layer.Name + ".input");
        _output = new GpuFeatureMap(device, pass.Layer.Name + ".output");
        _timer = new GpuTimer(device);
    }

    /// <inheritdoc />
    public ConvLayer Layer => _pass.Layer;

    /// <inheritdoc />
    public void Run(FeatureMap input, FeatureMap output) => RunTimed(input, output);

    /// <inheritdoc />
    public PassTiming RunTimed(FeatureMap input, FeatureMap output)
    {
        ConvPassExtensions.CheckShapes(Layer, input, output);
        return _thread.Invoke(() =>
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _input.EnsureShape(input.Channels, input.Height, input.Width);
            _output.EnsureShape(output.Channels, output.Height, output.Width);
            var staging = Staging(Math.Max(_input.Floats, _output.Floats));
            Pack4.FromFeatureMap(input, staging);
            _input.Buffer.Upload(staging[.._input.Floats]);
            _timer.Begin();
            _pass.Encode(_input, _output);
            _timer.End();
            GpuChain.Read(_device, _output, output, staging[.._output.Floats]);
            return _timer.ReadLast();
        });
    }

    /// <summary>Deletes the pass's GL objects on the GL thread. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _thread.Invoke(() =>
        {
            _pass.Dispose();
            _input.Dispose();
            _output.Dispose();
            _timer.Dispose();
        });
        _staging = []; // as large as the biggest map: the backend keeps disposed passes listed, not their memory
        _disposed = true;
    }

    private Span<float> Staging(int floats)
    {
        if (_staging.Length < floats) _staging = new float[floats];
        return _staging.AsSpan(0, floats);
    }
}
