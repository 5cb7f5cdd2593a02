using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Passes;
using RealtimeConv.Gpu.Shaders;

namespace RealtimeConv.Viewer.Display;

/// <summary>
/// The D hotkey's comparison of the two modes on the GPU (display/difference.comp): the map
/// <c>a − b</c> for display, and <c>max |a − b|</c> over the real channels, the mirror of
/// <c>FeatureMap.MaxAbsDifference</c>, read back as one float.
/// </summary>
public sealed class DifferencePass : IDisposable
{
    private const int LocalSize = 256;

    /// <summary>
    /// Workgroups at most per dispatch: the shader loops over the rest, so huge maps stay within the
    /// driver's dispatch limit (65535) while small ones still get one invocation per element.
    /// </summary>
    private const int MaxGroups = 4096;

    private readonly GpuDevice _device;
    private readonly ReloadableComputeProgram _program;
    private readonly GlBuffer _result;
    private readonly float[] _resultValue = new float[1];
    private bool _disposed;

    /// <summary>Builds the program from <paramref name="shaderDirectory"/>.</summary>
    /// <exception cref="ShaderCompileException">The shader does not compile (names file:line).</exception>
    public DifferencePass(GpuDevice device, string shaderDirectory)
    {
        device.CheckThread(nameof(DifferencePass));
        _device = device;
        _program = new ReloadableComputeProgram(device, shaderDirectory, "display/difference.comp");
        _result = new GlBuffer(device, 1, "max abs difference");
    }

    /// <summary>The latest failed <see cref="Reload"/>; null when the program is good.</summary>
    public ShaderCompileException? LastError => _program.LastError;

    /// <summary>Writes <c>a − b</c> into <paramref name="difference"/>, shaping it like <paramref name="a"/> first.</summary>
    public void Run(GpuFeatureMap a, GpuFeatureMap b, GpuFeatureMap difference)
    {
        Check(a, b);
        difference.EnsureShape(a.Channels, a.Height, a.Width);
        difference.Buffer.Bind(2);
        Dispatch(a, b, reduce: false);
    }

    /// <summary>
    /// <c>max |a − b|</c> over the real channels (NaN when any difference is NaN, as
    /// <c>FeatureMap.MaxAbsDifference</c>); waits for the GPU to read the one float back.
    /// </summary>
    public float MaxAbsDifference(GpuFeatureMap a, GpuFeatureMap b)
    {
        Check(a, b);
        _resultValue[0] = 0f;   // bits 0: below every magnitude
        _result.Upload(_resultValue);
        _result.Bind(3);
        // The difference binding is declared writeonly and unused when reducing; bind something valid.
        a.Buffer.Bind(2);
        Dispatch(a, b, reduce: true);
        _device.Gl.MemoryBarrier(Silk.NET.OpenGL.MemoryBarrierMask.BufferUpdateBarrierBit);
        _result.Download(_resultValue);
        return _resultValue[0];
    }

    /// <summary>Rebuilds the program from disk; on failure keeps the old one (see <see cref="LastError"/>).</summary>
    public bool Reload() => _program.Reload();

    private void Dispatch(GpuFeatureMap a, GpuFeatureMap b, bool reduce)
    {
        var gl = _device.Gl;
        int elements = a.Slices * a.Height * a.Width;
        a.Buffer.Bind(0);
        b.Buffer.Bind(1);
        var program = _program.Program;
        program.Use();
        gl.Uniform1(_program.Location("u_elements"), elements);
        gl.Uniform1(_program.Location("u_pixels"), a.Height * a.Width);
        gl.Uniform1(_program.Location("u_channels"), a.Channels);
        gl.Uniform1(_program.Location("u_reduce"), reduce ? 1 : 0);
        int groups = Math.Clamp(ComputeDispatch.Groups(elements, LocalSize), 1, MaxGroups);
        ComputeDispatch.Run(_device, program, groups, 1, 1, reduce ? "difference.comp (max)" : "difference.comp");
    }

    private void Check(GpuFeatureMap a, GpuFeatureMap b)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _device.CheckThread(nameof(DifferencePass));
        if (a.Channels != b.Channels || a.Height != b.Height || a.Width != b.Width)
            throw new ArgumentException($"difference of maps of different shapes: {a.ShapeText} vs {b.ShapeText}");
    }

    /// <summary>Deletes the program and the result buffer. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _program.Dispose();
        _result.Dispose();
    }
}
