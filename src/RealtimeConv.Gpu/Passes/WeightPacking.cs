using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Layers;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// The GPU layouts of weights and biases (the C# side of the buffer comments in shaders/*.comp).
/// Every entry past the layer's real channels is zero, which keeps the padding channels of each
/// output at act(0) = 0.
/// </summary>
public static class WeightPacking
{
    /// <summary>Bias as <paramref name="slices"/> vec4s: <c>b[4t + j]</c> at float <c>4t + j</c>.</summary>
    public static float[] Bias(ConvLayer layer, int slices)
    {
        var packed = new float[slices * Pack4.SliceSize];
        layer.Bias.CopyTo(packed);
        return packed;
    }

    /// <summary>Depthwise <c>[OUT_SLICES][K][K]</c> vec4: float <c>((t·K + ky)·K + kx)·4 + j</c> = <c>D[4t + j][0][ky][kx]</c>.</summary>
    public static float[] Depthwise(ConvLayer layer)
    {
        int k = layer.Kernel, slices = Pack4.Slices(layer.OutChannels);
        var packed = new float[slices * k * k * 4];
        for (int o = 0; o < layer.OutChannels; o++)
            for (int ky = 0; ky < k; ky++)
                for (int kx = 0; kx < k; kx++)
                    packed[(((o / 4) * k + ky) * k + kx) * 4 + o % 4] = layer.Weight(o, 0, ky, kx);
        return packed;
    }

    /// <summary>
    /// Pointwise and standard <c>[outSlices][IN_SLICES][K][K][4 columns][4]</c>: float
    /// <c>((((t·IS + s)·K + ky)·K + kx)·4 + i)·4 + j</c> = <c>W[4t + j][4s + i][ky][kx]</c>, so that the
    /// four vec4s at one (t, s, ky, kx) are the columns of the mat4 taking input slice s to output slice t.
    /// </summary>
    public static float[] Dense(ConvLayer layer, int outSlices)
    {
        int k = layer.Kernel, inSlices = Pack4.Slices(layer.InChannels);
        var packed = new float[outSlices * inSlices * k * k * 16];
        for (int n = 0; n < layer.OutChannels; n++)
            for (int m = 0; m < layer.InChannels; m++)
                for (int ky = 0; ky < k; ky++)
                    for (int kx = 0; kx < k; kx++)
                        packed[(((((n / 4) * inSlices + m / 4) * k + ky) * k + kx) * 4 + m % 4) * 4 + n % 4] = layer.Weight(n, m, ky, kx);
        return packed;
    }
}
