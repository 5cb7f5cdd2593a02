using RealtimeConv.Layers;
using RealtimeConv.Tensors;

namespace RealtimeConv.Kernels.Reference;

/// <summary>
/// The oracle: grouped convolution written as the definition, one output value at a time,
/// accumulated in double. Slow on purpose and obviously right; every fast kernel and every GPU
/// shader is tested against it, and it is tested against ONNX Runtime.
/// </summary>
public sealed class ReferenceBackend : IConvBackend
{
    /// <inheritdoc />
    public string Name => "cpu-ref";

    /// <inheritdoc />
    public IConvPass Prepare(ConvLayer layer) => new ReferencePass(layer);

    /// <summary>Nothing to release: the reference passes own no threads, buffers or handles.</summary>
    public void Dispose()
    {
    }

    private sealed class ReferencePass(ConvLayer layer) : IConvPass
    {
        public ConvLayer Layer { get; } = layer;

        /// <remarks>
        /// out[o, oy, ox] = act( bias[o] + Σ_i Σ_ky Σ_kx W[o, i, ky, kx] · in[g·Mg + i, oy·s − p + ky, ox·s − p + kx] )
        /// where g = o / (N / groups) is the group of o, Mg = M / groups its input channels, and
        /// pixels outside the input read as zero.
        /// </remarks>
        public void Run(FeatureMap input, FeatureMap output)
        {
            var layer = Layer;
            ConvPassExtensions.CheckShapes(layer, input, output);
            output.Clear();
            int k = layer.Kernel, s = layer.Stride, pad = layer.Padding;
            int inPerGroup = layer.InChannelsPerGroup;
            int outPerGroup = layer.OutChannels / layer.Groups;
            var bias = layer.Bias;
            for (int o = 0; o < layer.OutChannels; o++)
            {
                int firstInput = o / outPerGroup * inPerGroup;
                for (int oy = 0; oy < output.Height; oy++)
                {
                    for (int ox = 0; ox < output.Width; ox++)
                    {
                        double sum = layer.HasBias ? bias[o] : 0.0;
                        for (int i = 0; i < inPerGroup; i++)
                        {
                            for (int ky = 0; ky < k; ky++)
                            {
                                int iy = oy * s - pad + ky;
                                if (iy < 0 || iy >= input.Height) continue;
                                for (int kx = 0; kx < k; kx++)
                                {
                                    int ix = ox * s - pad + kx;
                                    if (ix < 0 || ix >= input.Width) continue;
                                    sum += (double)layer.Weight(o, i, ky, kx) * input[firstInput + i, iy, ix];
                                }
                            }
                        }
                        output[o, oy, ox] = ActivationMath.Apply(layer.Activation, (float)sum);
                    }
                }
            }
        }
    }
}
