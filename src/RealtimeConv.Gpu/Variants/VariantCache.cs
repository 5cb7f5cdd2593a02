using System.Text.Encodings.Web;
using System.Text.Json;

namespace RealtimeConv.Gpu.Variants;

/// <summary>
/// The variants chosen by timing, remembered across runs in a small JSON file
/// (<c>{"version":1,"entries":{"key":"variant"}}</c>). The file is only an optimisation: one that
/// cannot be read or parsed is ignored with one warning line, and one that cannot be written costs a
/// warning and a re-timing next run, never a failure. Writes go to a temporary file in the same
/// folder renamed over the old one, so a reader (or a crash) never sees half a file.
/// </summary>
public sealed class VariantCache
{
    /// <summary>Format version written into the file; other versions are ignored like a corrupt file.</summary>
    public const int FormatVersion = 1;

    /// <summary>The file name inside the cache folder.</summary>
    public const string FileName = "gpu-variants.json";

    private readonly TextWriter _warnings;
    private readonly Dictionary<string, string> _entries;

    /// <summary>Reads <paramref name="path"/> if it exists; problems go to <paramref name="warnings"/> as one line.</summary>
    public VariantCache(string path, TextWriter warnings)
    {
        Path = path;
        _warnings = warnings;
        _entries = Read(path, warnings);
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>Entries in the file, key → variant name.</summary>
    public IReadOnlyDictionary<string, string> Entries => _entries;

    /// <summary>
    /// <c>$XDG_CACHE_HOME/rtconv/gpu-variants.json</c>, or <c>~/.cache/rtconv/gpu-variants.json</c> when
    /// XDG_CACHE_HOME is unset or not absolute (the XDG base directory rule).
    /// </summary>
    public static string DefaultPath(Func<string, string?> environment)
    {
        string? xdg = environment("XDG_CACHE_HOME");
        string root = !string.IsNullOrEmpty(xdg) && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return System.IO.Path.Combine(root, "rtconv", FileName);
    }

    /// <summary>The variant stored for <paramref name="key"/>, if any.</summary>
    public string? Get(string key) => _entries.GetValueOrDefault(key);

    /// <summary>Stores <paramref name="variant"/> for <paramref name="key"/> and rewrites the file atomically.</summary>
    public void Set(string key, string variant)
    {
        _entries[key] = variant;
        string temp = $"{Path}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            using (var stream = File.Create(temp))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", FormatVersion);
                writer.WriteStartObject("entries");
                foreach (var (k, v) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal)) writer.WriteString(k, v);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            File.Move(temp, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _warnings.WriteLine($"rtconv: warning: cannot write the GPU variant cache {Path}: {e.Message}");
            try { File.Delete(temp); } catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
        }
    }

    private static Dictionary<string, string> Read(string path, TextWriter warnings)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return entries;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != FormatVersion
                || !root.TryGetProperty("entries", out var list) || list.ValueKind != JsonValueKind.Object)
                throw new JsonException($"not a version-{FormatVersion} {{\"version\", \"entries\"}} object");
            foreach (var entry in list.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String) throw new JsonException($"entry '{entry.Name}' is not a string");
                entries[entry.Name] = entry.Value.GetString()!;
            }
            return entries;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or FormatException)
        {
            warnings.WriteLine($"rtconv: warning: ignoring the GPU variant cache {path}: {e.Message.Split('\n')[0].Trim()}");
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }
}
