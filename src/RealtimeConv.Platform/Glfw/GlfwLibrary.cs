using System.Runtime.InteropServices;
using RealtimeConv.Platform.Windowing;

namespace RealtimeConv.Platform.Glfw;

/// <summary>
/// <c>libglfw.so.3</c> loaded at run time, its entry points bound as unmanaged function pointers, and
/// the ownership of <c>glfwInit</c>: the object that initialised GLFW terminates it on Dispose.
/// GLFW's state is process-wide, so one owner (the window) at a time; nothing else is kept here.
/// </summary>
/// <remarks>
/// Errors are read back with <c>glfwGetError</c>, which keeps the last error per thread inside GLFW,
/// rather than through an error callback that would need a static field of ours to write into.
/// </remarks>
internal sealed unsafe class GlfwLibrary : IDisposable
{
    /// <summary>The soname of GLFW 3 (Debian/Ubuntu package libglfw3).</summary>
    public const string DefaultName = "libglfw.so.3";

    private bool _initialized;

    private readonly delegate* unmanaged<int> _init;
    private readonly delegate* unmanaged<void> _terminate;
    private readonly delegate* unmanaged<byte**, int> _getError;
    private readonly delegate* unmanaged<byte*> _getVersionString;
    private readonly delegate* unmanaged<int, int, void> _windowHint;
    private readonly delegate* unmanaged<void> _defaultWindowHints;

    private GlfwLibrary(nint handle)
    {
        Handle = handle;
        _init = (delegate* unmanaged<int>)Export("glfwInit");
        _terminate = (delegate* unmanaged<void>)Export("glfwTerminate");
        _getError = (delegate* unmanaged<byte**, int>)Export("glfwGetError");
        _getVersionString = (delegate* unmanaged<byte*>)Export("glfwGetVersionString");
        _windowHint = (delegate* unmanaged<int, int, void>)Export("glfwWindowHint");
        _defaultWindowHints = (delegate* unmanaged<void>)Export("glfwDefaultWindowHints");
        CreateWindow = (delegate* unmanaged<int, int, byte*, nint, nint, nint>)Export("glfwCreateWindow");
        DestroyWindow = (delegate* unmanaged<nint, void>)Export("glfwDestroyWindow");
        WindowShouldClose = (delegate* unmanaged<nint, int>)Export("glfwWindowShouldClose");
        SetWindowShouldClose = (delegate* unmanaged<nint, int, void>)Export("glfwSetWindowShouldClose");
        SetWindowTitle = (delegate* unmanaged<nint, byte*, void>)Export("glfwSetWindowTitle");
        GetWindowSize = (delegate* unmanaged<nint, int*, int*, void>)Export("glfwGetWindowSize");
        GetFramebufferSize = (delegate* unmanaged<nint, int*, int*, void>)Export("glfwGetFramebufferSize");
        GetWindowPos = (delegate* unmanaged<nint, int*, int*, void>)Export("glfwGetWindowPos");
        GetWindowMonitor = (delegate* unmanaged<nint, nint>)Export("glfwGetWindowMonitor");
        SetWindowMonitor = (delegate* unmanaged<nint, nint, int, int, int, int, int, void>)Export("glfwSetWindowMonitor");
        GetPrimaryMonitor = (delegate* unmanaged<nint>)Export("glfwGetPrimaryMonitor");
        GetVideoMode = (delegate* unmanaged<nint, GlfwVideoMode*>)Export("glfwGetVideoMode");
        SetWindowUserPointer = (delegate* unmanaged<nint, nint, void>)Export("glfwSetWindowUserPointer");
        GetWindowUserPointer = (delegate* unmanaged<nint, nint>)Export("glfwGetWindowUserPointer");
        SetKeyCallback = (delegate* unmanaged<nint, delegate* unmanaged<nint, int, int, int, int, void>, nint>)Export("glfwSetKeyCallback");
        SetWindowSizeCallback = (delegate* unmanaged<nint, delegate* unmanaged<nint, int, int, void>, nint>)Export("glfwSetWindowSizeCallback");
        SetFramebufferSizeCallback = (delegate* unmanaged<nint, delegate* unmanaged<nint, int, int, void>, nint>)Export("glfwSetFramebufferSizeCallback");
        GetKey = (delegate* unmanaged<nint, int, int>)Export("glfwGetKey");
        PollEvents = (delegate* unmanaged<void>)Export("glfwPollEvents");
        SwapBuffers = (delegate* unmanaged<nint, void>)Export("glfwSwapBuffers");
        SwapInterval = (delegate* unmanaged<int, void>)Export("glfwSwapInterval");
        MakeContextCurrent = (delegate* unmanaged<nint, void>)Export("glfwMakeContextCurrent");
        GetCurrentContext = (delegate* unmanaged<nint>)Export("glfwGetCurrentContext");
        GetProcAddress = (delegate* unmanaged<byte*, nint>)Export("glfwGetProcAddress");
        GetTime = (delegate* unmanaged<double>)Export("glfwGetTime");
    }

    /// <summary>
    /// The <c>dlopen</c> handle. The library stays loaded for the life of the process, like any
    /// DllImport'ed one: GLFW loads libGL and libX11 itself and driver threads may outlive a window.
    /// </summary>
    public nint Handle { get; }

    /// <summary>Whether this object called <c>glfwInit</c> successfully and has not terminated yet.</summary>
    public bool OwnsInitialization => _initialized;

    // Entry points used by the window, keyboard and context. Each takes GLFW's C arguments as-is.
    public delegate* unmanaged<int, int, byte*, nint, nint, nint> CreateWindow { get; }
    public delegate* unmanaged<nint, void> DestroyWindow { get; }
    public delegate* unmanaged<nint, int> WindowShouldClose { get; }
    public delegate* unmanaged<nint, int, void> SetWindowShouldClose { get; }
    public delegate* unmanaged<nint, byte*, void> SetWindowTitle { get; }
    public delegate* unmanaged<nint, int*, int*, void> GetWindowSize { get; }
    public delegate* unmanaged<nint, int*, int*, void> GetFramebufferSize { get; }
    public delegate* unmanaged<nint, int*, int*, void> GetWindowPos { get; }
    public delegate* unmanaged<nint, nint> GetWindowMonitor { get; }
    public delegate* unmanaged<nint, nint, int, int, int, int, int, void> SetWindowMonitor { get; }
    public delegate* unmanaged<nint> GetPrimaryMonitor { get; }
    public delegate* unmanaged<nint, GlfwVideoMode*> GetVideoMode { get; }
    public delegate* unmanaged<nint, nint, void> SetWindowUserPointer { get; }
    public delegate* unmanaged<nint, nint> GetWindowUserPointer { get; }
    public delegate* unmanaged<nint, delegate* unmanaged<nint, int, int, int, int, void>, nint> SetKeyCallback { get; }
    public delegate* unmanaged<nint, delegate* unmanaged<nint, int, int, void>, nint> SetWindowSizeCallback { get; }
    public delegate* unmanaged<nint, delegate* unmanaged<nint, int, int, void>, nint> SetFramebufferSizeCallback { get; }
    public delegate* unmanaged<nint, int, int> GetKey { get; }
    public delegate* unmanaged<void> PollEvents { get; }
    public delegate* unmanaged<nint, void> SwapBuffers { get; }
    public delegate* unmanaged<int, void> SwapInterval { get; }
    public delegate* unmanaged<nint, void> MakeContextCurrent { get; }
    public delegate* unmanaged<nint> GetCurrentContext { get; }
    public delegate* unmanaged<byte*, nint> GetProcAddress { get; }
    public delegate* unmanaged<double> GetTime { get; }

    /// <summary>
    /// Loads <paramref name="libraryName"/> and binds it, or returns null with <paramref name="missing"/>
    /// saying what to install.
    /// </summary>
    public static GlfwLibrary? TryLoad(string libraryName, out string? missing)
    {
        if (!NativeLibrary.TryLoad(libraryName, out nint handle))
        {
            missing = $"{libraryName} cannot be loaded: install libglfw3 (apt-get install libglfw3)";
            return null;
        }
        try
        {
            missing = null;
            return new GlfwLibrary(handle);
        }
        catch (EntryPointNotFoundException e)
        {
            missing = $"{libraryName} is not GLFW 3.3 or newer ({e.Message}): install libglfw3 (apt-get install libglfw3)";
            return null;
        }
    }

    /// <summary>Loads and binds <paramref name="libraryName"/> or throws <see cref="PlatformUnavailableException"/>.</summary>
    public static GlfwLibrary Load(string libraryName) =>
        TryLoad(libraryName, out string? missing) ?? throw new PlatformUnavailableException(missing!);

    /// <summary>The version string, e.g. "3.3.8 X11 GLX EGL OSMesa clock_gettime evdev shared".</summary>
    public string VersionString => Marshal.PtrToStringUTF8((nint)_getVersionString()) ?? "?";

    /// <summary>The window system GLFW was built for: the word after the version number ("X11", "Wayland").</summary>
    public string WindowSystem => VersionString.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } words ? words[1] : "?";

    /// <summary>
    /// Whether GLFW is initialised already (by a window alive in this process). Asks GLFW itself: a call
    /// that needs initialisation records <c>GLFW_NOT_INITIALIZED</c> when it is not.
    /// </summary>
    public bool IsInitialized()
    {
        _getError(null);
        _ = GetTime();
        return _getError(null) != GlfwConstants.NotInitialized;
    }

    /// <summary>Calls <c>glfwInit</c>; on success this object terminates GLFW on Dispose.</summary>
    public bool Initialize()
    {
        if (_initialized) return true;
        _getError(null);
        _initialized = _init() == GlfwConstants.True;
        return _initialized;
    }

    /// <summary>Resets the window hints to GLFW's defaults, then sets one hint at a time with <see cref="Hint"/>.</summary>
    public void DefaultHints() => _defaultWindowHints();

    /// <summary>Sets a window creation hint.</summary>
    public void Hint(int hint, int value) => _windowHint(hint, value);

    /// <summary>Forgets the last error on this thread, so that <see cref="LastError"/> reads only what follows.</summary>
    public void ClearError() => _getError(null);

    /// <summary>
    /// "<paramref name="what"/>: GLFW's last error text (code)", clearing it; or just <paramref name="what"/>
    /// when GLFW recorded none.
    /// </summary>
    public string LastError(string what)
    {
        byte* description = null;
        int code = _getError(&description);
        if (code == GlfwConstants.NoError) return what;
        string text = description is null ? "no description" : Marshal.PtrToStringUTF8((nint)description) ?? "?";
        return $"{what}: {text} (GLFW error 0x{code:X5})";
    }

    /// <summary>Terminates GLFW if this object initialised it (destroying any window left). Idempotent.</summary>
    public void Dispose()
    {
        if (!_initialized) return;
        _initialized = false;
        _terminate();
    }

    private nint Export(string name) =>
        NativeLibrary.TryGetExport(Handle, name, out nint address)
            ? address
            : throw new EntryPointNotFoundException($"no {name}");
}
