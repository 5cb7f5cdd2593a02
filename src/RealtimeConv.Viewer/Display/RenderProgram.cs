using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Display;

/// <summary>
/// A vertex + fragment program read from the shader folder (with <c>#include</c> through
/// <see cref="ShaderSourceLoader"/>), its uniform locations looked up once per link. <see cref="Reload"/>
/// rebuilds it from disk and keeps the last good program when the new one fails, so a broken shader
/// never stops the viewer: the error stays in <see cref="LastError"/> for the HUD.
/// </summary>
public sealed class RenderProgram : IDisposable
{
    private static readonly ShaderDefines NoDefines = new([]);

    private readonly GpuDevice _device;
    private Dictionary<string, int> _uniforms;
    private uint _handle;

    /// <summary>Builds <paramref name="vertexFile"/> + <paramref name="fragmentFile"/> (names inside <paramref name="directory"/>).</summary>
    /// <exception cref="ShaderCompileException">A stage fails to load, compile or link (names file:line).</exception>
    public RenderProgram(GpuDevice device, string directory, string vertexFile, string fragmentFile)
    {
        _device = device;
        Directory = directory;
        VertexFile = vertexFile;
        FragmentFile = fragmentFile;
        (_handle, _uniforms) = Build();
    }

    /// <summary>The shader folder.</summary>
    public string Directory { get; }

    /// <summary>The vertex stage's file, e.g. "display/tile.vert".</summary>
    public string VertexFile { get; }

    /// <summary>The fragment stage's file, e.g. "display/channel_tile.frag".</summary>
    public string FragmentFile { get; }

    /// <summary>The GL program name (changes when a reload succeeds).</summary>
    public uint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(FragmentFile);

    /// <summary>The latest failed reload, cleared by the next one that succeeds.</summary>
    public ShaderCompileException? LastError { get; private set; }

    /// <summary>Binds the program.</summary>
    public void Use() => _device.Gl.UseProgram(Handle);

    /// <summary>The location of uniform <paramref name="name"/>, −1 when the linker dropped it (GL ignores −1).</summary>
    public int Location(string name) => _uniforms.GetValueOrDefault(name, -1);

    /// <summary>
    /// Rebuilds from disk. On success the old program is deleted and true returned; on failure the old
    /// program stays in use, <see cref="LastError"/> says file:line, and false is returned.
    /// </summary>
    public bool Reload()
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        try
        {
            var (handle, uniforms) = Build();
            _device.Gl.DeleteProgram(_handle);
            _device.Objects.Deleted("program");
            (_handle, _uniforms) = (handle, uniforms);
            LastError = null;
            return true;
        }
        catch (ShaderCompileException e)
        {
            LastError = e;
            return false;
        }
    }

    private (uint Handle, Dictionary<string, int> Uniforms) Build()
    {
        var gl = _device.Gl;
        var vertexSource = ShaderSourceLoader.Load(Directory, VertexFile, NoDefines);
        var fragmentSource = ShaderSourceLoader.Load(Directory, FragmentFile, NoDefines);
        uint vertex = 0, fragment = 0;
        try
        {
            vertex = Compile(gl, ShaderType.VertexShader, vertexSource);
            fragment = Compile(gl, ShaderType.FragmentShader, fragmentSource);
            uint program = gl.CreateProgram();
            gl.AttachShader(program, vertex);
            gl.AttachShader(program, fragment);
            gl.LinkProgram(program);
            gl.DetachShader(program, vertex);
            gl.DetachShader(program, fragment);
            gl.GetProgram(program, ProgramPropertyARB.LinkStatus, out int linked);
            if (linked == 0)
            {
                string log = gl.GetProgramInfoLog(program);
                gl.DeleteProgram(program);
                // Link errors name no line; blame the fragment file, where interface mismatches show.
                throw new ShaderCompileException(FragmentFile, 0, DriverLogParser.FirstError(log).Message, "", log);
            }
            string label = FragmentFile;
            gl.ObjectLabel(ObjectIdentifier.Program, program, (uint)label.Length, label);
            _device.Objects.Created("program");
            return (program, UniformTable.Read(gl, program));
        }
        finally
        {
            if (vertex != 0) gl.DeleteShader(vertex);
            if (fragment != 0) gl.DeleteShader(fragment);
        }
    }

    private static uint Compile(GL gl, ShaderType type, ShaderSource source)
    {
        uint shader = gl.CreateShader(type);
        gl.ShaderSource(shader, source.Text);
        gl.CompileShader(shader);
        // The status decides, not the log: drivers also log warnings for shaders that compile.
        gl.GetShader(shader, ShaderParameterName.CompileStatus, out int compiled);
        if (compiled != 0) return shader;
        string log = gl.GetShaderInfoLog(shader);
        gl.DeleteShader(shader);
        throw ComputeProgram.Failure(source, log);
    }

#if DEBUG
    /// <summary>Debug builds say which GL object was never disposed (it cannot be deleted from the finalizer thread).</summary>
    ~RenderProgram()
    {
        if (_handle != 0) System.Diagnostics.Debug.WriteLine($"GL leak: RenderProgram '{FragmentFile}' was not disposed");
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
}
