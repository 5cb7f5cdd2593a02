using System.Runtime.InteropServices;

namespace RealtimeConv.Gpu.Context;

/// <summary>
/// The few EGL entry points a headless compute context needs, bound straight to <c>libEGL.so.1</c>
/// (glvnd's dispatcher, which picks Mesa or NVIDIA). Extension functions are fetched with
/// <see cref="eglGetProcAddress"/>, as EGL requires.
/// </summary>
internal static partial class EglNative
{
    private const string Library = "libEGL.so.1";

    public const int EGL_SUCCESS = 0x3000;
    public const int EGL_NONE = 0x3038;
    public const int EGL_VENDOR = 0x3053;
    public const int EGL_VERSION = 0x3054;
    public const int EGL_EXTENSIONS = 0x3055;
    public const int EGL_RENDERABLE_TYPE = 0x3040;
    public const int EGL_SURFACE_TYPE = 0x3033;
    public const int EGL_OPENGL_BIT = 0x0008;
    public const int EGL_PBUFFER_BIT = 0x0001;
    public const int EGL_OPENGL_API = 0x30A2;
    public const int EGL_CONTEXT_MAJOR_VERSION = 0x3098;
    public const int EGL_CONTEXT_MINOR_VERSION = 0x30FB;
    public const int EGL_CONTEXT_OPENGL_PROFILE_MASK = 0x30FD;
    public const int EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT = 0x0001;
    public const int EGL_PLATFORM_SURFACELESS_MESA = 0x31DD;
    public const int EGL_PLATFORM_DEVICE_EXT = 0x313F;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint eglGetProcAddress(string name);

    [LibraryImport(Library)]
    public static partial nint eglQueryString(nint display, int name);

    [LibraryImport(Library)]
    public static partial int eglGetError();

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U4)]
    public static partial bool eglInitialize(nint display, out int major, out int minor);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U4)]
    public static partial bool eglBindAPI(int api);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U4)]
    public static partial bool eglChooseConfig(nint display, int[] attributes, nint[] configs, int size, out int count);

    [LibraryImport(Library)]
    public static partial nint eglCreateContext(nint display, nint config, nint shareContext, int[] attributes);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U4)]
    public static partial bool eglMakeCurrent(nint display, nint draw, nint read, nint context);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U4)]
    public static partial bool eglDestroyContext(nint display, nint context);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U4)]
    public static partial bool eglReleaseThread();

    /// <summary>A string query, or "" when EGL returns null (e.g. client extensions before EGL 1.5).</summary>
    public static string QueryString(nint display, int name) =>
        Marshal.PtrToStringUTF8(eglQueryString(display, name)) ?? "";

    /// <summary>The last EGL error as hex, for messages.</summary>
    public static string LastError() => $"0x{eglGetError():X4}";
}
