using System.Security.Cryptography;
using System.Text;
using RealtimeConv.Pipelines;

namespace RealtimeConv.App.Run;

/// <summary>
/// The naming rule of <c>rtconv run</c>'s outputs: <c>DIR/&lt;name&gt;.&lt;mode&gt;.png</c> and
/// <c>DIR/&lt;name&gt;.&lt;mode&gt;.npy</c>, where &lt;name&gt; is the input's file name <em>with</em> its
/// extension (<c>a.png</c> → <c>a.png.standard.png</c>), so <c>a.png</c> and <c>a.jpg</c> never collide.
/// When two different files of one run share a file name (ignoring case, so that the outputs stay apart
/// on case-insensitive file systems too), each of them gets <c>~</c> and the first 8 hex digits of the
/// SHA-256 of its full, link-resolved path appended (<c>a.png~1f2e3d4c.standard.png</c>): the name
/// depends only on where the file is, not on the order of the inputs.
/// </summary>
internal static class OutputNames
{
    /// <summary>Digits of the path hash that disambiguate shared names; 32 bits make a clash of two paths negligible.</summary>
    private const int HashDigits = 8;

    /// <summary>The output base name of each of <paramref name="canonicalPaths"/> (distinct files), in order.</summary>
    public static string[] Assign(IReadOnlyList<string> canonicalPaths)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in canonicalPaths)
        {
            string name = Path.GetFileName(path);
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
        var names = new string[canonicalPaths.Count];
        for (int i = 0; i < names.Length; i++)
        {
            string name = Path.GetFileName(canonicalPaths[i]);
            names[i] = counts[name] > 1 ? $"{name}~{PathHash(canonicalPaths[i])}" : name;
        }
        return names;
    }

    /// <summary>The output file of <paramref name="name"/> in <paramref name="mode"/> with <paramref name="extension"/> ("png", "npy").</summary>
    public static string File(string folder, string name, ConvMode mode, string extension) =>
        Path.Combine(folder, $"{name}.{RunOptions.ModeName(mode)}.{extension}");

    private static string PathHash(string canonicalPath) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalPath)))[..HashDigits];
}
