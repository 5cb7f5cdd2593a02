using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Timing;
using RealtimeConv.Gpu.Variants;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// A pass that runs whichever shader variant its <see cref="VariantSelector"/> picks for the shape it
/// is given. The choice is made at the first <see cref="Encode"/> of each shape class (the output size
/// is known only then); when the selector times variants, each candidate is run once to compile and
/// warm it and once under a <see cref="GpuTimer"/>, on the real input and output maps. Only the
/// chosen variant is kept; the others are disposed at once.
/// </summary>
internal sealed class TunedPass : IGpuPass
{
    private readonly GpuDevice _device;
    private readonly VariantSelector _selector;
    private readonly GpuPassKind _kind;
    private readonly Func<ShaderVariant, IGpuPass> _create;
    private IGpuPass _current;
    private string? _shapeClass;
    private (int Height, int Width) _classifiedSize = (-1, -1);

    /// <summary>Creates the default variant now (so a bad layer fails here) and the others when asked.</summary>
    public TunedPass(GpuDevice device, VariantSelector selector, GpuPassKind kind, Func<ShaderVariant, IGpuPass> create)
    {
        _device = device;
        _selector = selector;
        _kind = kind;
        _create = create;
        Variant = ShaderVariants.Default(kind);
        _current = create(Variant);
    }

    /// <summary>The variant in use.</summary>
    public ShaderVariant Variant { get; private set; }

    /// <summary>The pass of the variant in use.</summary>
    public IGpuPass Current => _current;

    /// <inheritdoc />
    public ConvLayer Layer => _current.Layer;

    /// <inheritdoc />
    public string ShaderFile => _current.ShaderFile;

    /// <inheritdoc />
    public void Encode(GpuFeatureMap input, GpuFeatureMap output)
    {
        // The layer is fixed, so only the output size can change the shape class: naming the class builds a
        // string, which a steady stream of same-sized frames must not pay for (the viewer allocates nothing per frame).
        if ((output.Height, output.Width) != _classifiedSize) Reconsider(input, output);
        _current.Encode(input, output);
    }

    /// <summary>Chooses the variant for the shape class of this output size, timing the candidates if the selector asks.</summary>
    private void Reconsider(GpuFeatureMap input, GpuFeatureMap output)
    {
        string shapeClass = ShapeClass.Of(Layer.Kernel, Layer.Stride, Layer.InChannels, Layer.OutChannels, output.Height, output.Width);
        if (shapeClass != _shapeClass)
        {
            var timed = new Dictionary<string, IGpuPass>(StringComparer.Ordinal);
            try
            {
                var chosen = _selector.Choose(_device.Info, _kind, shapeClass, variant =>
                {
                    var pass = variant == Variant ? _current : timed[variant.Name] = _create(variant);
                    return TimeOnce(pass, input, output);
                });
                if (chosen != Variant)
                {
                    var next = timed.Remove(chosen.Name, out var made) ? made : _create(chosen);
                    _current.Dispose();
                    (_current, Variant) = (next, chosen);
                }
            }
            finally
            {
                foreach (var loser in timed.Values) loser.Dispose();
            }
            _shapeClass = shapeClass;
        }
        // Only now: a choice that threw (a shader that does not compile) is tried again on the next frame.
        _classifiedSize = (output.Height, output.Width);
    }

    /// <inheritdoc />
    public void Dispose() => _current.Dispose();

    private double TimeOnce(IGpuPass pass, GpuFeatureMap input, GpuFeatureMap output)
    {
        pass.Encode(input, output); // compiles the program and touches every buffer
        using var timer = new GpuTimer(_device);
        timer.Begin();
        pass.Encode(input, output);
        timer.End();
        return timer.ReadLast().Milliseconds;
    }
}
