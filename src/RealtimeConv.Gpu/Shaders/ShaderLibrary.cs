using System.Diagnostics;
using RealtimeConv.Gpu.Context;

namespace RealtimeConv.Gpu.Shaders;

/// <summary>
/// The compiled compute programs of one context, one per (file, defines) variant, built on first use.
/// With watching on, a <see cref="FileSystemWatcher"/> notes edits in the shader folder and
/// <see cref="Poll"/> (called by the owner once per frame, on the GL thread) rebuilds the affected
/// programs after a short cool-down. A rebuild that fails keeps the last good program in use and
/// leaves the error in <see cref="LastError"/> for display.
/// </summary>
public sealed class ShaderLibrary : IDisposable
{
    /// <summary>Editors write a file in several steps; rebuild only once it has been quiet this long.</summary>
    public static readonly TimeSpan CoolDown = TimeSpan.FromMilliseconds(150);

    private readonly GpuDevice _device;
    private readonly Dictionary<(string File, string Defines), Entry> _programs = new();
    private readonly FileSystemWatcher? _watcher;
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private long _lastChangeTicks;
    private bool _disposed;

    /// <summary>Creates the library over <paramref name="directory"/>; <paramref name="watch"/> turns hot reload on.</summary>
    public ShaderLibrary(GpuDevice device, string directory, bool watch = false)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"shader folder '{directory}' does not exist");
        _device = device;
        Directory = Path.GetFullPath(directory);
        if (watch)
        {
            _watcher = new FileSystemWatcher(Directory) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            _watcher.Changed += (_, e) => Note(e.Name);
            _watcher.Created += (_, e) => Note(e.Name);
            _watcher.Renamed += (_, e) => Note(e.Name);
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>The folder shaders are read from: the build output's "shaders" unless told otherwise.</summary>
    public string Directory { get; }

    /// <summary>The folder next to the program, where the build copies shaders/.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "shaders");

    /// <summary>The latest failed rebuild, kept until a rebuild of that file succeeds; null when all is well.</summary>
    public ShaderCompileException? LastError { get; private set; }

    /// <summary>Programs currently built.</summary>
    public int Count => _programs.Count;

    /// <summary>The program for <paramref name="file"/> with <paramref name="defines"/>, built on first use.</summary>
    /// <exception cref="ShaderCompileException">The first build fails (there is no last good program to keep).</exception>
    public ComputeProgram Get(string file, ShaderDefines defines)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = (file, defines.Key);
        if (_programs.TryGetValue(key, out var entry)) return entry.Program;
        var program = ComputeProgram.Build(_device, ShaderSourceLoader.Load(Directory, file, defines));
        _programs[key] = new Entry(file, defines, program);
        return program;
    }

    /// <summary>
    /// Rebuilds the programs whose files changed on disk, once the changes are older than
    /// <see cref="CoolDown"/>. Returns how many programs were rebuilt (failures count as zero).
    /// </summary>
    public int Poll()
    {
        string[] changed;
        lock (_changed)
        {
            if (_changed.Count == 0 || Stopwatch.GetElapsedTime(_lastChangeTicks) < CoolDown) return 0;
            changed = [.. _changed];
            _changed.Clear();
        }
        return Reload(changed);
    }

    /// <summary>Rebuilds now every program that reads any of <paramref name="files"/> (names inside the folder).</summary>
    public int Reload(params string[] files)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int rebuilt = 0;
        foreach (var (key, entry) in _programs.ToArray())
        {
            if (!files.Any(entry.Program.Source.Files.Contains)) continue;
            try
            {
                var program = ComputeProgram.Build(_device, ShaderSourceLoader.Load(Directory, entry.File, entry.Defines));
                entry.Program.Dispose();
                _programs[key] = entry with { Program = program };
                rebuilt++;
                if (LastError is not null && program.Source.Files.Contains(LastError.File)) LastError = null;
            }
            catch (ShaderCompileException e)
            {
                LastError = e;
            }
        }
        return rebuilt;
    }

    /// <summary>Deletes every program and stops watching. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _watcher?.Dispose();
        foreach (var entry in _programs.Values) entry.Program.Dispose();
        _programs.Clear();
    }

    private void Note(string? name)
    {
        if (name is null) return;
        lock (_changed)
        {
            _changed.Add(name);
            _lastChangeTicks = Stopwatch.GetTimestamp();
        }
    }

    private sealed record Entry(string File, ShaderDefines Defines, ComputeProgram Program);
}
