using RealtimeConv.Kernels;
using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Peers;

/// <summary>
/// One layer on ONNX Runtime behind our <see cref="IConvPass"/> contract: the feature map is copied
/// to NCHW, ORT's Conv (+ activation) runs, the result is copied back. The NCHW buffers are bound
/// once per image size and reused, so repeated runs on one size allocate nothing of ours.
/// </summary>
public sealed class OrtConvPass : IConvPass, IDisposable
{
    private readonly OrtConvSession _session;
    private OrtBinding? _binding;

    internal OrtConvPass(ConvLayer layer, OrtConvOptions options)
    {
        Layer = layer;
        _session = new OrtConvSession([layer], options, layer.Name);
    }

    /// <inheritdoc />
    public ConvLayer Layer { get; }

    /// <inheritdoc />
    public void Run(FeatureMap input, FeatureMap output)
    {
        ConvPassExtensions.CheckShapes(Layer, input, output);
        var binding = BindingFor(input.Height, input.Width);
        binding.Load(input);
        binding.Run();
        binding.Store(output);
    }

    /// <summary>The session bound to buffers of <paramref name="height"/> × <paramref name="width"/>, for timing ORT alone.</summary>
    public OrtBinding BindingFor(int height, int width)
    {
        if (_binding is { } bound && bound.Height == height && bound.Width == width) return bound;
        _binding?.Dispose();
        _binding = null;
        _binding = _session.Bind(height, width);
        return _binding;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _binding?.Dispose();
        _binding = null;
        _session.Dispose();
    }
}
