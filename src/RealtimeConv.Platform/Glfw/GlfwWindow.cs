using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Platform.Input;
using RealtimeConv.Platform.Windowing;

namespace RealtimeConv.Platform.Glfw;

/// <summary>
/// A GLFW window with a core OpenGL context and its keyboard. It owns GLFW's initialisation (through its
/// <see cref="GlfwLibrary"/>), the native window and the context, and is used on the thread that made it.
/// </summary>
internal sealed unsafe class GlfwWindow : IWindow
{
    private readonly GlfwLibrary _glfw;
    private readonly GlfwKeyboard _keyboard;
    private readonly GlfwGlContext _context;
    private readonly int _owner;
    private GCHandle _self;
    private nint _handle;
    private string _title;
    private bool _vsync;
    private (int X, int Y) _windowedPosition;
    private Extent _windowedSize;
    private ExceptionDispatchInfo? _callbackFailure;

    private GlfwWindow(GlfwLibrary glfw, nint handle, WindowOptions options, (int X, int Y) windowedPosition)
    {
        _glfw = glfw;
        _handle = handle;
        _owner = Environment.CurrentManagedThreadId;
        _title = options.Title;
        _windowedPosition = windowedPosition;
        _windowedSize = options.Size;
        _glfw.MakeContextCurrent(handle);
        _context = new GlfwGlContext(glfw, handle);
        _keyboard = new GlfwKeyboard(glfw, handle);
        _self = GCHandle.Alloc(this);
        GlfwCallbacks.Install(glfw, handle, _self);
        VSync = options.VSync;
    }

    /// <summary>
    /// Initialises GLFW from <paramref name="libraryName"/>, opens the window and makes its context
    /// current on the calling thread; on failure terminates GLFW again and throws
    /// <see cref="PlatformUnavailableException"/> with the reason.
    /// </summary>
    public static GlfwWindow Create(WindowOptions options, string libraryName)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Size.Width <= 0 || options.Size.Height <= 0)
            throw new ArgumentException($"window '{options.Title}': size {options.Size.Width}×{options.Size.Height} is not positive", nameof(options));
        var glfw = GlfwLibrary.Load(libraryName);
        // GLFW's state is process-wide: a second owner's glfwTerminate would destroy the first window.
        if (glfw.IsInitialized())
            throw new InvalidOperationException($"window '{options.Title}': another GLFW window is open in this process; dispose it first (one window at a time)");
        if (WindowSupport.NoDisplay() is { } noDisplay) throw new PlatformUnavailableException(noDisplay);
        if (!glfw.Initialize()) throw new PlatformUnavailableException(glfw.LastError("glfwInit failed"));
        try
        {
            return Open(glfw, options);
        }
        catch
        {
            glfw.Dispose();
            throw;
        }
    }

    private static GlfwWindow Open(GlfwLibrary glfw, WindowOptions options)
    {
        glfw.DefaultHints();
        glfw.Hint(GlfwConstants.ClientApi, GlfwConstants.OpenGlApi);
        glfw.Hint(GlfwConstants.ContextVersionMajor, options.GlMajor);
        glfw.Hint(GlfwConstants.ContextVersionMinor, options.GlMinor);
        glfw.Hint(GlfwConstants.OpenGlProfile, GlfwConstants.OpenGlCoreProfile);
        glfw.Hint(GlfwConstants.OpenGlForwardCompat, GlfwConstants.True);
        glfw.Hint(GlfwConstants.Visible, options.Visible ? GlfwConstants.True : GlfwConstants.False);
        glfw.Hint(GlfwConstants.Resizable, GlfwConstants.True);

        var size = options.Size;
        nint monitor = 0;
        (int X, int Y) windowedPosition = (0, 0);
        if (options.Fullscreen)
        {
            monitor = PrimaryMonitor(glfw, options.Title, out var mode);
            size = new Extent(mode.Width, mode.Height);
            windowedPosition = (Math.Max(0, (mode.Width - options.Size.Width) / 2), Math.Max(0, (mode.Height - options.Size.Height) / 2));
        }

        glfw.ClearError();
        nint handle;
        nint title = Marshal.StringToCoTaskMemUTF8(options.Title);
        try
        {
            handle = glfw.CreateWindow(size.Width, size.Height, (byte*)title, monitor, 0);
        }
        finally
        {
            Marshal.FreeCoTaskMem(title);
        }
        if (handle == 0)
            throw new PlatformUnavailableException(glfw.LastError(
                $"window '{options.Title}': no OpenGL {options.GlMajor}.{options.GlMinor} core context (needs a driver with GL {options.GlMajor}.{options.GlMinor}, e.g. Mesa: apt-get install libgl1-mesa-dri)"));
        try
        {
            var window = new GlfwWindow(glfw, handle, options, windowedPosition);
            var (major, minor) = window._context.Version;
            if (major * 100 + minor < options.GlMajor * 100 + options.GlMinor)
            {
                string description = window._context.Description;
                window.DestroyNative();
                throw new PlatformUnavailableException($"window '{options.Title}': asked for OpenGL {options.GlMajor}.{options.GlMinor}, got {description}");
            }
            return window;
        }
        catch
        {
            if (glfw.OwnsInitialization) glfw.DestroyWindow(handle);
            throw;
        }
    }

    /// <inheritdoc />
    public string Title
    {
        get => _title;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CheckThread("Title");
            nint utf8 = Marshal.StringToCoTaskMemUTF8(value);
            try
            {
                _glfw.SetWindowTitle(_handle, (byte*)utf8);
            }
            finally
            {
                Marshal.FreeCoTaskMem(utf8);
            }
            _title = value;
        }
    }

    /// <inheritdoc />
    public Extent Size
    {
        get
        {
            CheckThread("Size");
            int width, height;
            _glfw.GetWindowSize(_handle, &width, &height);
            return new Extent(width, height);
        }
    }

    /// <inheritdoc />
    public Extent FramebufferSize
    {
        get
        {
            CheckThread("FramebufferSize");
            int width, height;
            _glfw.GetFramebufferSize(_handle, &width, &height);
            return new Extent(width, height);
        }
    }

    /// <inheritdoc />
    public bool VSync
    {
        get => _vsync;
        set
        {
            CheckThread("VSync");
            // glfwSwapInterval sets the interval of whatever context is current; make sure it is ours.
            if (_glfw.GetCurrentContext() != _handle) _glfw.MakeContextCurrent(_handle);
            _glfw.SwapInterval(value ? 1 : 0);
            _vsync = value;
        }
    }

    /// <inheritdoc />
    public bool IsFullscreen
    {
        get
        {
            CheckThread("IsFullscreen");
            return _glfw.GetWindowMonitor(_handle) != 0;
        }
        set
        {
            if (value == IsFullscreen) return;
            if (value)
            {
                int x, y, width, height;
                _glfw.GetWindowPos(_handle, &x, &y);
                _glfw.GetWindowSize(_handle, &width, &height);
                _windowedPosition = (x, y);
                _windowedSize = new Extent(width, height);
                nint monitor = PrimaryMonitor(_glfw, _title, out var mode);
                _glfw.SetWindowMonitor(_handle, monitor, 0, 0, mode.Width, mode.Height, mode.RefreshRate);
            }
            else
            {
                // The refresh rate is ignored when leaving fullscreen; 0 is as good as GLFW_DONT_CARE.
                _glfw.SetWindowMonitor(_handle, 0, _windowedPosition.X, _windowedPosition.Y, _windowedSize.Width, _windowedSize.Height, 0);
            }
        }
    }

    /// <inheritdoc />
    public bool IsClosing
    {
        get
        {
            CheckThread("IsClosing");
            return _glfw.WindowShouldClose(_handle) != GlfwConstants.False;
        }
    }

    /// <inheritdoc />
    public double Time => _glfw.GetTime();

    /// <inheritdoc />
    public IKeyboard Keyboard => _keyboard;

    /// <inheritdoc />
    public IGlContext GlContext => _context;

    /// <inheritdoc />
    public event Action? Load;

    /// <inheritdoc />
    public event Action<double>? Update;

    /// <inheritdoc />
    public event Action<double>? Render;

    /// <inheritdoc />
    public event Action<Extent>? Resize;

    /// <inheritdoc />
    public event Action<Extent>? FramebufferResize;

    /// <inheritdoc />
    public event Action? Closing;

    /// <inheritdoc />
    public void Run()
    {
        CheckThread("Run");
        Load?.Invoke();
        double last = Time;
        // Nothing in this loop allocates: the events are read from their fields and invoked with a
        // double, and the GLFW calls take no managed arguments. A handler that allocates is its own cost.
        while (!IsClosing)
        {
            DoEvents();
            if (IsClosing) break;
            double now = Time;
            double elapsed = now - last;
            last = now;
            Update?.Invoke(elapsed);
            Render?.Invoke(elapsed);
            SwapBuffers();
        }
        Closing?.Invoke();
    }

    /// <inheritdoc />
    public void DoEvents()
    {
        CheckThread("DoEvents");
        _glfw.PollEvents();
        // An exception cannot unwind through GLFW's C frames, so callbacks park it here for the caller.
        if (_callbackFailure is { } failure)
        {
            _callbackFailure = null;
            failure.Throw();
        }
    }

    /// <inheritdoc />
    public void SwapBuffers()
    {
        CheckThread("SwapBuffers");
        _glfw.SwapBuffers(_handle);
    }

    /// <inheritdoc />
    public void Close()
    {
        CheckThread("Close");
        _glfw.SetWindowShouldClose(_handle, GlfwConstants.True);
    }

    /// <summary>Destroys the context and the window and terminates GLFW. Idempotent; call on the window's thread.</summary>
    public void Dispose()
    {
        if (_handle == 0) return;
        CheckThread("Dispose");
        DestroyNative();
    }

    /// <summary>From the key callback: raises the keyboard's events.</summary>
    internal void OnKey(int key, int scancode, int action)
    {
        try
        {
            _keyboard.OnKey(key, scancode, action);
        }
        catch (Exception e)
        {
            _callbackFailure ??= ExceptionDispatchInfo.Capture(e);
        }
    }

    /// <summary>From the window size callback: raises <see cref="Resize"/>.</summary>
    internal void OnWindowSize(int width, int height)
    {
        try
        {
            Resize?.Invoke(new Extent(width, height));
        }
        catch (Exception e)
        {
            _callbackFailure ??= ExceptionDispatchInfo.Capture(e);
        }
    }

    /// <summary>From the framebuffer size callback: raises <see cref="FramebufferResize"/>.</summary>
    internal void OnFramebufferSize(int width, int height)
    {
        try
        {
            FramebufferResize?.Invoke(new Extent(width, height));
        }
        catch (Exception e)
        {
            _callbackFailure ??= ExceptionDispatchInfo.Capture(e);
        }
    }

    private void DestroyNative()
    {
        _context.Dispose();
        GlfwCallbacks.Remove(_glfw, _handle);
        _glfw.MakeContextCurrent(0);
        _glfw.DestroyWindow(_handle);
        _handle = 0;
        _self.Free();
        _glfw.Dispose();
    }

    private static nint PrimaryMonitor(GlfwLibrary glfw, string title, out GlfwVideoMode mode)
    {
        glfw.ClearError();
        nint monitor = glfw.GetPrimaryMonitor();
        GlfwVideoMode* current = monitor == 0 ? null : glfw.GetVideoMode(monitor);
        if (current is null) throw new PlatformUnavailableException(glfw.LastError($"window '{title}': no monitor to go fullscreen on"));
        mode = *current;
        return monitor;
    }

    /// <summary>
    /// GLFW windows and their contexts belong to one thread; a call from another would act on no
    /// context (or another one) and fail quietly, so say so instead.
    /// </summary>
    private void CheckThread(string member)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        if (Environment.CurrentManagedThreadId != _owner)
            throw new InvalidOperationException($"window '{_title}': {member} called off the thread that created the window");
    }
}
