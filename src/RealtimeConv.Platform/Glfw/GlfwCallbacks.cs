using System.Runtime.InteropServices;

namespace RealtimeConv.Platform.Glfw;

/// <summary>
/// The native callbacks GLFW calls during <c>glfwPollEvents</c>. GLFW passes only the window handle, so
/// each callback finds its <see cref="GlfwWindow"/> through the window's user pointer, a
/// <see cref="GCHandle"/> the window sets and frees.
/// </summary>
/// <remarks>
/// The address of <c>glfwGetWindowUserPointer</c> is the one static here: a callback has no other way
/// to reach the library. It is the same address for every window of the process (GLFW is loaded once)
/// and is written before any callback can run.
/// </remarks>
internal static unsafe class GlfwCallbacks
{
    private static delegate* unmanaged<nint, nint> s_getUserPointer;

    /// <summary>Points <paramref name="window"/>'s user pointer at <paramref name="target"/> and sets every callback.</summary>
    public static void Install(GlfwLibrary glfw, nint window, GCHandle target)
    {
        s_getUserPointer = glfw.GetWindowUserPointer;
        glfw.SetWindowUserPointer(window, GCHandle.ToIntPtr(target));
        glfw.SetKeyCallback(window, &OnKey);
        glfw.SetWindowSizeCallback(window, &OnWindowSize);
        glfw.SetFramebufferSizeCallback(window, &OnFramebufferSize);
    }

    /// <summary>Clears every callback and the user pointer, so nothing reaches a window being destroyed.</summary>
    public static void Remove(GlfwLibrary glfw, nint window)
    {
        glfw.SetKeyCallback(window, null);
        glfw.SetWindowSizeCallback(window, null);
        glfw.SetFramebufferSizeCallback(window, null);
        glfw.SetWindowUserPointer(window, 0);
    }

    [UnmanagedCallersOnly]
    private static void OnKey(nint window, int key, int scancode, int action, int mods)
    {
        if (From(window) is { } target) target.OnKey(key, scancode, action);
    }

    [UnmanagedCallersOnly]
    private static void OnWindowSize(nint window, int width, int height)
    {
        if (From(window) is { } target) target.OnWindowSize(width, height);
    }

    [UnmanagedCallersOnly]
    private static void OnFramebufferSize(nint window, int width, int height)
    {
        if (From(window) is { } target) target.OnFramebufferSize(width, height);
    }

    private static GlfwWindow? From(nint window)
    {
        nint pointer = s_getUserPointer(window);
        return pointer == 0 ? null : GCHandle.FromIntPtr(pointer).Target as GlfwWindow;
    }
}
