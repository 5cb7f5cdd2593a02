using RealtimeConv.Gpu.Context;

namespace RealtimeConv.Gpu.Buffers;

/// <summary>
/// A feature map resident on the GPU in pack4 layout (see shaders/common.glsl): one storage buffer of
/// <c>[ceil(C/4)][H][W]</c> vec4. The buffer is kept while the shape stays the same.
/// </summary>
public sealed class GpuFeatureMap : IDisposable
{
    private readonly GpuDevice _device;
    private readonly string _label;
    private GlBuffer? _buffer;

    /// <summary>Creates an empty map; <see cref="EnsureShape"/> allocates it.</summary>
    public GpuFeatureMap(GpuDevice device, string label)
    {
        _device = device;
        _label = label;
    }

    /// <summary>Channels.</summary>
    public int Channels { get; private set; }

    /// <summary>Rows.</summary>
    public int Height { get; private set; }

    /// <summary>Columns.</summary>
    public int Width { get; private set; }

    /// <summary>vec4 slices, <c>ceil(C / 4)</c>.</summary>
    public int Slices => Pack4.Slices(Channels);

    /// <summary>Floats of the pack4 data.</summary>
    public int Floats => Pack4.Floats(Channels, Height, Width);

    /// <summary>The storage buffer.</summary>
    public GlBuffer Buffer => _buffer ?? throw new InvalidOperationException($"GPU map '{_label}' has no shape yet");

    /// <summary>Gives the map this shape, reallocating only when the size changes. Returns whether it did.</summary>
    public bool EnsureShape(int channels, int height, int width)
    {
        if (_buffer is not null && channels == Channels && height == Height && width == Width) return false;
        int floats = Pack4.Floats(channels, height, width);
        Channels = channels;
        Height = height;
        Width = width;
        if (_buffer is not null && _buffer.Floats == floats) return false;
        _buffer?.Dispose();
        _buffer = new GlBuffer(_device, floats, _label);
        return true;
    }

    /// <summary>"C×H×W".</summary>
    public string ShapeText => $"{Channels}×{Height}×{Width}";

    /// <summary>Deletes the buffer. Idempotent.</summary>
    public void Dispose()
    {
        _buffer?.Dispose();
        _buffer = null;
    }
}
