using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Passes;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Gpu.Timing;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Kernels;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;
using Silk.NET.OpenGL;

namespace RealtimeConv.Gpu;

/// <summary>
/// A list of layers run on the GPU frame after frame: the input is uploaded once, every layer's output
/// stays on the GPU (any of them can be read back), and each pass is timed. Buffers are reused across
/// frames and reallocated only when the input size changes. Use on the GL thread only.
/// With <see cref="FuseSeparable"/>, a thin depthwise layer and the pointwise layer after it run as
/// one fused pass: the depthwise layer's output is then never produced (<see cref="HasOutput"/> is
/// false for it) and the pointwise layer's timing covers both.
/// </summary>
public sealed class GpuChain : IDisposable
{
    private readonly GpuDevice _device;
    // Entry i computes layer i; null where layer i is fused into pass i + 1.
    private readonly IGpuPass?[] _passes;
    private readonly GpuFeatureMap?[] _outputs;
    private readonly GpuTimer?[] _timers;
    private readonly GpuFeatureMap _input;
    private float[] _staging = [];
    private bool _disposed;

    /// <summary>
    /// Prepares <paramref name="layers"/> (each layer's input channels must match the previous one's
    /// output). <paramref name="fuseSeparable"/> fuses every depthwise + pointwise pair that
    /// <see cref="SeparablePass.CanFuse"/> accepts; <paramref name="variants"/> picks each pass's shader
    /// variant (default: the defaults, nothing timed, except what <see cref="VariantSelector.EnvironmentVariable"/> forces).
    /// </summary>
    public GpuChain(GpuDevice device, ShaderLibrary shaders, IReadOnlyList<ConvLayer> layers, bool fuseSeparable = false, VariantSelector? variants = null)
    {
        if (layers.Count == 0) throw new ArgumentException("a GPU chain needs at least one layer", nameof(layers));
        for (int i = 1; i < layers.Count; i++)
            if (layers[i].InChannels != layers[i - 1].OutChannels)
                throw new ArgumentException($"layer '{layers[i].Name}' takes {layers[i].InChannels} channels, '{layers[i - 1].Name}' makes {layers[i - 1].OutChannels}");
        _device = device;
        Layers = layers;
        FuseSeparable = fuseSeparable;
        variants ??= VariantSelector.FromEnvironment(tune: false);
        _input = new GpuFeatureMap(device, "chain.input");
        _passes = new IGpuPass?[layers.Count];
        _outputs = new GpuFeatureMap?[layers.Count];
        _timers = new GpuTimer?[layers.Count];
        try
        {
            for (int i = 0; i < layers.Count; i++)
            {
                if (fuseSeparable && i + 1 < layers.Count && SeparablePass.CanFuse(layers[i], layers[i + 1]))
                {
                    // Layer i's slot stays empty; pass i + 1 reads layer i's input and makes layer i + 1's output.
                    _passes[i + 1] = GpuPassFactory.CreateSeparable(device, shaders, layers[i], layers[i + 1], variants);
                    i++;
                }
                else
                {
                    _passes[i] = GpuPassFactory.Create(device, shaders, layers[i], variants);
                }
                _outputs[i] = new GpuFeatureMap(device, layers[i].Name + ".output");
                _timers[i] = new GpuTimer(device);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<ConvLayer> Layers { get; }

    /// <summary>Whether thin depthwise + pointwise pairs run as one fused pass.</summary>
    public bool FuseSeparable { get; }

    /// <summary>
    /// Whether layer <paramref name="index"/>'s output exists on the GPU: false only for a depthwise
    /// layer fused into the pointwise layer after it, whose output is never written.
    /// </summary>
    public bool HasOutput(int index) => _outputs[index] is not null;

    /// <summary>Whether layer <paramref name="index"/> runs fused with layer <paramref name="index"/> − 1 (a depthwise + pointwise pair).</summary>
    public bool IsFused(int index) => index > 0 && _passes[index - 1] is null;

    /// <summary>The GPU map holding layer <paramref name="index"/>'s latest output.</summary>
    /// <exception cref="InvalidOperationException">The layer is fused into the next one (<see cref="HasOutput"/> is false).</exception>
    public GpuFeatureMap Output(int index) => _outputs[index] ?? throw NoOutput(index);

    /// <summary>
    /// The latest timing of layer <paramref name="index"/> (a few frames old with GPU timestamps); null
    /// before the first one, and always for a layer fused into the next (whose timing covers both).
    /// </summary>
    public PassTiming? Timing(int index) => _timers[index]?.Latest;

    /// <summary>The timing of layer <paramref name="index"/>'s last run, waiting for it if needed.</summary>
    /// <exception cref="InvalidOperationException">The layer is fused into the next one.</exception>
    public PassTiming WaitTiming(int index) => (_timers[index] ?? throw NoOutput(index)).ReadLast();

    /// <summary>Uploads <paramref name="input"/> and runs every layer.</summary>
    public void RunFrame(FeatureMap input)
    {
        Upload(input);
        Run();
    }

    /// <summary>Uploads <paramref name="input"/> (its channels must be the first layer's input channels).</summary>
    public void Upload(FeatureMap input)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _device.CheckThread("GpuChain.Upload");
        if (input.Channels != Layers[0].InChannels)
            throw new ArgumentException($"layer '{Layers[0].Name}' takes {Layers[0].InChannels} channels, the input has {input.Channels}");
        _input.EnsureShape(input.Channels, input.Height, input.Width);
        var staging = Staging(_input.Floats);
        Pack4.FromFeatureMap(input, staging);
        _input.Buffer.Upload(staging);
    }

    /// <summary>Runs every layer over the last uploaded input, with a storage barrier between passes.</summary>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _device.CheckThread("GpuChain.Run");
        var source = _input;
        for (int i = 0; i < _passes.Length; i++)
        {
            var pass = _passes[i];
            if (pass is null) continue; // fused into pass i + 1, which reads the same source
            var output = _outputs[i]!;
            var timer = _timers[i]!;
            output.EnsureShape(pass.Layer.OutChannels, pass.Layer.OutputSize(source.Height), pass.Layer.OutputSize(source.Width));
            timer.Begin();
            pass.Encode(source, output);
            timer.End();
            source = output;
        }
    }

    /// <summary>Reads layer <paramref name="index"/>'s output into <paramref name="destination"/> (same shape; waits for the GPU).</summary>
    public void Download(int index, FeatureMap destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _device.CheckThread("GpuChain.Download");
        var map = _outputs[index] ?? throw NoOutput(index);
        if (destination.Channels != map.Channels || destination.Height != map.Height || destination.Width != map.Width)
            throw new ArgumentException($"layer '{Layers[index].Name}' output is {map.ShapeText}, the destination is {destination.ShapeText}");
        Read(_device, map, destination, Staging(map.Floats));
    }

    /// <summary>Reads <paramref name="map"/> into <paramref name="destination"/> through <paramref name="staging"/>.</summary>
    internal static void Read(GpuDevice device, GpuFeatureMap map, FeatureMap destination, Span<float> staging)
    {
        // Shader writes must be visible to glGetBufferSubData, which the storage barrier does not cover.
        device.Gl.MemoryBarrier(MemoryBarrierMask.BufferUpdateBarrierBit);
        map.Buffer.Download(staging);
        Pack4.ToFeatureMap(staging, destination);
    }

    /// <summary>Deletes every GL object the chain owns. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _device.CheckThread("GpuChain.Dispose");
        _disposed = true;
        foreach (var pass in _passes) pass?.Dispose();
        foreach (var output in _outputs) output?.Dispose();
        foreach (var timer in _timers) timer?.Dispose();
        _input.Dispose();
    }

    private InvalidOperationException NoOutput(int index) =>
        new($"layer '{Layers[index].Name}' runs fused with '{Layers[index + 1].Name}': its output is never produced (see HasOutput)");

    private Span<float> Staging(int floats)
    {
        if (_staging.Length < floats) _staging = new float[floats];
        return _staging.AsSpan(0, floats);
    }
}
