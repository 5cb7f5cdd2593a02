using System.Runtime.InteropServices;
using Silk.NET.OpenGL;
using static RealtimeConv.Gpu.Context.EglNative;

namespace RealtimeConv.Gpu.Context;

/// <summary>
/// A headless OpenGL 4.3+ core context made with EGL and no surface at all: Mesa's surfaceless
/// platform (llvmpipe in CI, any Mesa GPU) or the EGL device platform (NVIDIA). The context is made
/// current on the thread that creates it; GL calls must stay on that thread (see <see cref="GlThread"/>).
/// </summary>
public sealed unsafe class EglContext : IGlContext
{
    /// <summary>Environment variable that forces the platform: "surfaceless", "device" or "auto".</summary>
    public const string PlatformVariable = "RTCONV_EGL_PLATFORM";

    private const int RequiredMajor = 4, RequiredMinor = 3;
    private readonly nint _display;
    private nint _context;

    private EglContext(nint display, nint context, GL gl, string description)
    {
        _display = display;
        _context = context;
        Gl = gl;
        Description = description;
    }

    /// <inheritdoc />
    public GL Gl { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>
    /// Creates a 4.3+ core context with compute shaders, current on the calling thread, or throws
    /// <see cref="GpuUnavailableException"/> saying what each platform offered.
    /// </summary>
    public static EglContext Create(EglPlatform platform = EglPlatform.Auto)
    {
        if (platform == EglPlatform.Auto) platform = PlatformFromEnvironment();
        string clientExtensions;
        try
        {
            clientExtensions = QueryString(0, EGL_EXTENSIONS);
        }
        catch (DllNotFoundException e)
        {
            throw new GpuUnavailableException("libEGL.so.1 cannot be loaded (install libegl1 and a driver, e.g. libegl-mesa0 + libgl1-mesa-dri)", e);
        }
        nint getPlatformDisplay = eglGetProcAddress("eglGetPlatformDisplayEXT");
        if (getPlatformDisplay == 0 || !HasExtension(clientExtensions, "EGL_EXT_platform_base"))
            throw new GpuUnavailableException($"EGL has no EGL_EXT_platform_base (client extensions: '{clientExtensions}')");

        var failures = new List<string>();
        if (platform is EglPlatform.Auto or EglPlatform.Surfaceless)
        {
            if (HasExtension(clientExtensions, "EGL_MESA_platform_surfaceless"))
            {
                var display = ((delegate* unmanaged<int, nint, int*, nint>)getPlatformDisplay)(EGL_PLATFORM_SURFACELESS_MESA, 0, null);
                var made = TryCreate(display, "EGL surfaceless (Mesa)", failures);
                if (made is not null) return made;
            }
            else failures.Add("surfaceless: EGL_MESA_platform_surfaceless not offered");
        }
        if (platform is EglPlatform.Auto or EglPlatform.Device)
        {
            nint queryDevices = eglGetProcAddress("eglQueryDevicesEXT");
            if (queryDevices != 0 && HasExtension(clientExtensions, "EGL_EXT_platform_device"))
            {
                var devices = new nint[8];
                int count;
                fixed (nint* p = devices)
                {
                    if (((delegate* unmanaged<int, nint*, int*, uint>)queryDevices)(devices.Length, p, &count) == 0) count = 0;
                }
                for (int i = 0; i < count; i++)
                {
                    var display = ((delegate* unmanaged<int, nint, int*, nint>)getPlatformDisplay)(EGL_PLATFORM_DEVICE_EXT, devices[i], null);
                    var made = TryCreate(display, $"EGL device {i}", failures);
                    if (made is not null) return made;
                }
                if (count == 0) failures.Add("device: eglQueryDevicesEXT found no device");
            }
            else failures.Add("device: EGL_EXT_platform_device not offered");
        }
        throw new GpuUnavailableException($"no OpenGL {RequiredMajor}.{RequiredMinor} core context with compute shaders: {string.Join("; ", failures)}");
    }

    /// <summary>
    /// Reads <see cref="PlatformVariable"/>: unset or empty means <see cref="EglPlatform.Auto"/>; a value
    /// other than "surfaceless", "device" or "auto" is refused rather than silently ignored.
    /// </summary>
    public static EglPlatform PlatformFromEnvironment()
    {
        string? value = Environment.GetEnvironmentVariable(PlatformVariable)?.Trim();
        return value?.ToLowerInvariant() switch
        {
            null or "" or "auto" => EglPlatform.Auto,
            "surfaceless" => EglPlatform.Surfaceless,
            "device" => EglPlatform.Device,
            _ => throw new GpuUnavailableException($"{PlatformVariable}={value} is not a platform (use surfaceless, device or auto)"),
        };
    }

    /// <inheritdoc />
    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_context == 0, this);
        if (!eglMakeCurrent(_display, 0, 0, _context))
            throw new InvalidOperationException($"eglMakeCurrent failed ({LastError()}); the context may be current on another thread");
    }

    /// <summary>
    /// Destroys the context. The display is left initialised on purpose: EGL displays are shared by the
    /// whole process, so terminating one would also destroy every other context made on it.
    /// </summary>
    public void Dispose()
    {
        if (_context == 0) return;
        eglMakeCurrent(_display, 0, 0, 0);
        eglDestroyContext(_display, _context);
        eglReleaseThread();
        _context = 0;
        Gl.Dispose();
    }

    private static EglContext? TryCreate(nint display, string name, List<string> failures)
    {
        if (display == 0) { failures.Add($"{name}: no display ({LastError()})"); return null; }
        if (!eglInitialize(display, out int major, out int minor)) { failures.Add($"{name}: eglInitialize failed ({LastError()})"); return null; }
        string vendor = QueryString(display, EGL_VENDOR);
        string extensions = QueryString(display, EGL_EXTENSIONS);
        if (!HasExtension(extensions, "EGL_KHR_surfaceless_context")) { failures.Add($"{name}: no EGL_KHR_surfaceless_context"); return null; }
        if (!eglBindAPI(EGL_OPENGL_API)) { failures.Add($"{name}: desktop OpenGL not offered ({LastError()})"); return null; }

        nint config = 0;
        if (!HasExtension(extensions, "EGL_KHR_no_config_context"))
        {
            // No surface will ever be bound, but a config is still needed without EGL_KHR_no_config_context.
            int[] wanted = [EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_NONE];
            var configs = new nint[1];
            if (!eglChooseConfig(display, wanted, configs, 1, out int found) || found == 0) { failures.Add($"{name}: no OpenGL config"); return null; }
            config = configs[0];
        }
        int[] attributes =
        [
            EGL_CONTEXT_MAJOR_VERSION, RequiredMajor, EGL_CONTEXT_MINOR_VERSION, RequiredMinor,
            EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE,
        ];
        nint context = eglCreateContext(display, config, 0, attributes);
        if (context == 0)
        {
            failures.Add($"{name} ({vendor} EGL {major}.{minor}): no {RequiredMajor}.{RequiredMinor} core context ({LastError()}); the driver offers {OfferedVersion(display, config)}");
            return null;
        }
        if (!eglMakeCurrent(display, 0, 0, context))
        {
            failures.Add($"{name}: eglMakeCurrent without a surface failed ({LastError()})");
            eglDestroyContext(display, context);
            return null;
        }
        var gl = GL.GetApi(symbol => eglGetProcAddress(symbol));
        string version = gl.GetStringS(StringName.Version) ?? "?";
        string renderer = gl.GetStringS(StringName.Renderer) ?? "?";
        gl.GetInteger(GetPName.MajorVersion, out int glMajor);
        gl.GetInteger(GetPName.MinorVersion, out int glMinor);
        if (glMajor * 10 + glMinor < RequiredMajor * 10 + RequiredMinor)
        {
            failures.Add($"{name}: '{renderer}' offers OpenGL {version}, compute shaders need {RequiredMajor}.{RequiredMinor}");
            eglMakeCurrent(display, 0, 0, 0);
            eglDestroyContext(display, context);
            gl.Dispose();
            return null;
        }
        return new EglContext(display, context, gl, $"{name}, {vendor}: {renderer}, OpenGL {version}");
    }

    /// <summary>Makes a context with no version asked for, only to say in the error what the driver has.</summary>
    private static string OfferedVersion(nint display, nint config)
    {
        nint context = eglCreateContext(display, config, 0, [EGL_NONE]);
        if (context == 0) return "no desktop OpenGL context at all";
        try
        {
            if (!eglMakeCurrent(display, 0, 0, context)) return "a context it cannot make current without a surface";
            var getString = (delegate* unmanaged<uint, byte*>)eglGetProcAddress("glGetString");
            if (getString == null) return "an unknown version";
            const uint GL_VERSION = 0x1F02, GL_RENDERER = 0x1F01;
            return $"OpenGL {Marshal.PtrToStringUTF8((nint)getString(GL_VERSION))} on {Marshal.PtrToStringUTF8((nint)getString(GL_RENDERER))}";
        }
        finally
        {
            eglMakeCurrent(display, 0, 0, 0);
            eglDestroyContext(display, context);
        }
    }

    private static bool HasExtension(string list, string name) =>
        list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(name);
}
