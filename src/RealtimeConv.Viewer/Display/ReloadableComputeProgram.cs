using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;

namespace RealtimeConv.Viewer.Display;

/// <summary>
/// A display compute shader (no defines) with its uniform locations, rebuilt from disk by
/// <see cref="Reload"/>, which keeps the last good program when the new one fails.
/// </summary>
internal sealed class ReloadableComputeProgram : IDisposable
{
    private static readonly ShaderDefines NoDefines = new([]);

    private readonly GpuDevice _device;
    private readonly string _directory;
    private ComputeProgram _program;
    private Dictionary<string, int> _uniforms;
    private bool _disposed;

    /// <exception cref="ShaderCompileException">The first build fails.</exception>
    public ReloadableComputeProgram(GpuDevice device, string directory, string file)
    {
        _device = device;
        _directory = directory;
        File = file;
        _program = ComputeProgram.Build(device, ShaderSourceLoader.Load(directory, file, NoDefines));
        _uniforms = UniformTable.Read(device.Gl, _program.Handle);
    }

    /// <summary>The shader's file, e.g. "display/channel_range.comp".</summary>
    public string File { get; }

    /// <summary>The program in use.</summary>
    public ComputeProgram Program => _disposed ? throw new ObjectDisposedException(File) : _program;

    /// <summary>The latest failed reload, cleared by the next one that succeeds.</summary>
    public ShaderCompileException? LastError { get; private set; }

    /// <summary>The location of uniform <paramref name="name"/>, −1 when the linker dropped it.</summary>
    public int Location(string name) => _uniforms.GetValueOrDefault(name, -1);

    /// <summary>Rebuilds from disk; on failure keeps the old program and sets <see cref="LastError"/>.</summary>
    public bool Reload()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            var program = ComputeProgram.Build(_device, ShaderSourceLoader.Load(_directory, File, NoDefines));
            _program.Dispose();
            _program = program;
            _uniforms = UniformTable.Read(_device.Gl, program.Handle);
            LastError = null;
            return true;
        }
        catch (ShaderCompileException e)
        {
            LastError = e;
            return false;
        }
    }

    /// <summary>Deletes the program. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _program.Dispose();
    }
}
