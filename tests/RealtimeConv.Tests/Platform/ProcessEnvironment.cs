using System.Runtime.InteropServices;

namespace RealtimeConv.Tests.Platform;

/// <summary>
/// Sets an environment variable where native code sees it. On Unix .NET keeps its own copy of the
/// environment, so <see cref="Environment.SetEnvironmentVariable(string, string?)"/> alone does not reach
/// <c>getenv</c> in libX11 (which GLFW calls for DISPLAY); this sets both copies.
/// </summary>
public static partial class ProcessEnvironment
{
    /// <summary>Sets (or with null/empty, removes) <paramref name="name"/> for managed and native readers.</summary>
    public static void Set(string name, string? value)
    {
        int result = string.IsNullOrEmpty(value) ? unsetenv(name) : setenv(name, value, 1);
        if (result != 0) throw new InvalidOperationException($"setenv {name}: errno {Marshal.GetLastPInvokeError()}");
        Environment.SetEnvironmentVariable(name, string.IsNullOrEmpty(value) ? null : value);
    }

    /// <summary>Sets <paramref name="name"/> until the returned scope is disposed, then restores the old value.</summary>
    public static IDisposable Scoped(string name, string? value)
    {
        string? old = Environment.GetEnvironmentVariable(name);
        Set(name, value);
        return new Restore(name, old);
    }

    private sealed class Restore(string name, string? value) : IDisposable
    {
        public void Dispose() => Set(name, value);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", SetLastError = true)]
    private static extern int unsetenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
