namespace RealtimeConv.Gpu.Shaders;

/// <summary>
/// The integer <c>#define</c>s a pass bakes into its shader (K, stride, sizes, workgroup size), so the
/// driver unrolls the loops. Immutable; <see cref="Key"/> identifies a compiled variant.
/// </summary>
public sealed class ShaderDefines
{
    private readonly SortedDictionary<string, int> _values;

    /// <summary>Creates the set from name/value pairs.</summary>
    public ShaderDefines(IEnumerable<KeyValuePair<string, int>> values)
    {
        _values = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, value) in values) _values[name] = value;
        Key = string.Join(";", _values.Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>Canonical "A=1;B=2" text of the set.</summary>
    public string Key { get; }

    /// <summary>The pairs in name order.</summary>
    public IEnumerable<KeyValuePair<string, int>> Values => _values;

    /// <summary>The value of <paramref name="name"/>.</summary>
    public int this[string name] => _values[name];

    /// <inheritdoc />
    public override string ToString() => Key;
}
