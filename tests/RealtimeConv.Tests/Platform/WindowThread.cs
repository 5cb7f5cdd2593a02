using System.Runtime.ExceptionServices;

namespace RealtimeConv.Tests.Platform;

/// <summary>
/// Runs a window's whole life on one dedicated thread. GLFW on X11 accepts any thread as long as every
/// call for a window comes from the same one; a fresh thread per test makes that plain.
/// </summary>
public static class WindowThread
{
    /// <summary>Runs <paramref name="work"/> on a new thread, waits for it, and returns its result or rethrows its exception.</summary>
    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        })
        { Name = "window", IsBackground = true };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on a new thread and waits for it.</summary>
    public static void Run(Action work) => Run(() => { work(); return 0; });
}
