using RealtimeConv.Gpu.Shaders;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// A pass's shader file with its <c>#define</c>s for the input size it last saw. The defines (sizes
/// baked in so loops unroll) are rebuilt only when that size changes, not every frame; the program is
/// looked up in the library on every use, so a hot reload takes effect at once.
/// </summary>
internal sealed class SizedProgram(ShaderLibrary shaders, string file)
{
    private ShaderDefines? _defines;
    private (int Height, int Width) _size;

    /// <summary>The shader file.</summary>
    public string File => file;

    /// <summary>Whether the defines must be (re)built for an input of this size.</summary>
    public bool NeedsDefines(int height, int width) => _defines is null || _size != (height, width);

    /// <summary>Sets the defines for an input of this size.</summary>
    public void Define(int height, int width, IEnumerable<KeyValuePair<string, int>> values)
    {
        _defines = new ShaderDefines(values);
        _size = (height, width);
    }

    /// <summary>The compiled program for the current defines (compiled on first use).</summary>
    public ComputeProgram Program =>
        shaders.Get(file, _defines ?? throw new InvalidOperationException($"{file}: no defines yet; call Define first"));
}
