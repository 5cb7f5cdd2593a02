using RealtimeConv.Gpu.Context;
using Silk.NET.OpenGL;

namespace RealtimeConv.Gpu.Shaders;

/// <summary>
/// One compiled and linked compute program. Failure is a <see cref="ShaderCompileException"/> that
/// names the .comp/.glsl file and line; the shader object never outlives the link and nothing leaks
/// on failure.
/// </summary>
public sealed class ComputeProgram : IDisposable
{
    private readonly GpuDevice _device;
    private uint _handle;

    private ComputeProgram(GpuDevice device, uint handle, ShaderSource source)
    {
        _device = device;
        _handle = handle;
        Source = source;
    }

    /// <summary>The source it was built from.</summary>
    public ShaderSource Source { get; }

    /// <summary>The GL program name.</summary>
    public uint Handle => _handle;

    /// <summary>Compiles and links <paramref name="source"/> on the current context.</summary>
    public static ComputeProgram Build(GpuDevice device, ShaderSource source)
    {
        var gl = device.Gl;
        uint shader = gl.CreateShader(ShaderType.ComputeShader);
        try
        {
            gl.ShaderSource(shader, source.Text);
            gl.CompileShader(shader);
            // The status decides, not the log: drivers also log warnings for shaders that compile.
            gl.GetShader(shader, ShaderParameterName.CompileStatus, out int compiled);
            if (compiled == 0) throw Failure(source, gl.GetShaderInfoLog(shader));

            uint program = gl.CreateProgram();
            gl.AttachShader(program, shader);
            gl.LinkProgram(program);
            gl.DetachShader(program, shader);
            gl.GetProgram(program, ProgramPropertyARB.LinkStatus, out int linked);
            if (linked == 0)
            {
                string log = gl.GetProgramInfoLog(program);
                gl.DeleteProgram(program);
                throw Failure(source, log);
            }
            gl.ObjectLabel(ObjectIdentifier.Program, program, (uint)source.File.Length, source.File);
            device.Objects.Created("program");
            return new ComputeProgram(device, program, source);
        }
        finally
        {
            gl.DeleteShader(shader);
        }
    }

    /// <summary>Binds the program for the next dispatch.</summary>
    public void Use() => _device.Gl.UseProgram(_handle);

#if DEBUG
    /// <summary>Debug builds say which GL object was never disposed (it cannot be deleted from the finalizer thread).</summary>
    ~ComputeProgram()
    {
        if (_handle != 0) System.Diagnostics.Debug.WriteLine($"GL leak: ComputeProgram '{Source.File}' was not disposed");
    }
#endif

    /// <summary>Deletes the program. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_handle == 0) return;
        _device.Gl.DeleteProgram(_handle);
        _device.Objects.Deleted("program");
        _handle = 0;
        GC.SuppressFinalize(this);
    }

    /// <summary>Maps the driver's log back to the file and line the error is in.</summary>
    internal static ShaderCompileException Failure(ShaderSource source, string log)
    {
        var (line, message) = DriverLogParser.FirstError(log);
        if (line == 0) return new ShaderCompileException(source.File, 0, message, "", log);
        var (file, fileLine) = source.Origin(line);
        return new ShaderCompileException(file, fileLine, message, source.LineText(line), log);
    }
}
