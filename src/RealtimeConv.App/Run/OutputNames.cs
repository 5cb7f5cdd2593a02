using System.Security.Cryptography;
using System.Text;
using RealtimeConv.Pipelines;

namespace RealtimeConv.App.Run;

/// <summary>
/// The naming rule of <c>rtconv run</c>'s outputs: <c>DIR/&lt;name&gt;.&lt;mode&gt;.png</c> and
/// <c>DIR/&lt;name&gt;.&lt;mode&gt;.npy</c> (and <c>DIR/&lt;name&gt;.&lt;mode&gt;.c&lt;index&gt;.png</c> per channel), where &lt;name&gt; is the input's file name as named (a link's
/// own name, not its target's) <em>with</em> its extension (<c>a.png</c> → <c>a.png.standard.png</c>), so
/// <c>a.png</c> and <c>a.jpg</c> never collide.
/// When two different files of one run share a file name (ignoring case, so that the outputs stay apart
/// on case-insensitive file systems too), each of them gets <c>~</c> and the first 8 hex digits of the
/// SHA-256 of its full, link-resolved path appended (<c>a.png~1f2e3d4c.standard.png</c>): the name
/// depends only on where the file is, not on the order of the inputs.
/// </summary>
internal static class OutputNames
{
    /// <summary>Digits of the path hash that disambiguate shared names; 32 bits make a clash of two paths negligible.</summary>
    private const int HashDigits = 8;

    /// <summary>
    /// The output base name of each input, in order: <paramref name="fileNames"/> are the names as given,
    /// <paramref name="canonicalPaths"/> the distinct files they resolve to (what the hash is taken of).
    /// </summary>
    public static string[] Assign(IReadOnlyList<string> fileNames, IReadOnlyList<string> canonicalPaths)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in fileNames) counts[name] = counts.GetValueOrDefault(name) + 1;
        var names = new string[fileNames.Count];
        for (int i = 0; i < names.Length; i++)
            names[i] = counts[fileNames[i]] > 1 ? $"{fileNames[i]}~{PathHash(canonicalPaths[i])}" : fileNames[i];
        return names;
    }

    /// <summary>The output file of <paramref name="name"/> in <paramref name="mode"/> with <paramref name="extension"/> ("png", "npy").</summary>
    public static string File(string folder, string name, ConvMode mode, string extension) =>
        Path.Combine(folder, $"{name}.{RunOptions.ModeName(mode)}.{extension}");

    /// <summary>The PNG of output channel <paramref name="channel"/>: <c>folder/name.mode.c&lt;channel&gt;.png</c>.</summary>
    public static string ChannelFile(string folder, string name, ConvMode mode, int channel) =>
        File(folder, name, mode, $"c{channel.ToString(System.Globalization.CultureInfo.InvariantCulture)}.png");

    private static string PathHash(string canonicalPath) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalPath)))[..HashDigits];
}
