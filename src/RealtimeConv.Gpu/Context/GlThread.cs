using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace RealtimeConv.Gpu.Context;

/// <summary>
/// A dedicated thread that owns a GL context and runs work on it. A GL context is current on one
/// thread at a time, while callers (xunit, the CLI, a pipeline runner) call from any thread: they hand
/// their GL work here and wait for it. Work submitted from the GL thread itself runs inline.
/// </summary>
public sealed class GlThread : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;
    private IGlContext? _context;
    private bool _disposed;

    private GlThread(Func<IGlContext> createContext)
    {
        ExceptionDispatchInfo? failure = null;
        using var ready = new ManualResetEventSlim();
        _thread = new Thread(() =>
        {
            try { _context = createContext(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
            ready.Set();
            if (failure is not null) return;
            foreach (var work in _queue.GetConsumingEnumerable()) work();
        })
        { IsBackground = true, Name = "gl" };
        _thread.Start();
        ready.Wait();
        failure?.Throw();
    }

    /// <summary>Starts the thread and creates the context on it; rethrows the factory's failure.</summary>
    public static GlThread Start(Func<IGlContext> createContext) => new(createContext);

    /// <summary>Starts the thread with a headless <see cref="EglContext"/>.</summary>
    public static GlThread StartHeadless(EglPlatform platform = EglPlatform.Auto) => new(() => EglContext.Create(platform));

    /// <summary>The context; use it only inside <see cref="Invoke{T}"/>.</summary>
    public IGlContext Context => _context ?? throw new ObjectDisposedException(nameof(GlThread));

    /// <summary>Whether the caller is the GL thread.</summary>
    public bool IsCurrentThread => Thread.CurrentThread == _thread;

    /// <summary>Runs <paramref name="work"/> on the GL thread and returns its result (or rethrows its exception).</summary>
    public T Invoke<T>(Func<T> work)
    {
        if (IsCurrentThread) return work();
        ObjectDisposedException.ThrowIf(_disposed, this);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        using var done = new ManualResetEventSlim();
        _queue.Add(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
            finally { done.Set(); }
        });
        done.Wait();
        failure?.Throw();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on the GL thread and waits for it.</summary>
    public void Invoke(Action work) => Invoke(() => { work(); return 0; });

    /// <summary>Destroys the context on its thread and ends the thread. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        if (_context is not null) Invoke(() => _context.Dispose());
        _disposed = true;
        _queue.CompleteAdding();
        if (IsCurrentThread) return; // the loop still enumerates the queue: it ends itself after this work item
        _thread.Join();
        _queue.Dispose();
    }
}
