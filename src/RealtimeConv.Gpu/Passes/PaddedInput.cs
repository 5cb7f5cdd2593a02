using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;

namespace RealtimeConv.Gpu.Passes;

/// <summary>
/// The zero-bordered copy of a K×K pass's input (shaders/pad.comp), owned by that pass and reused
/// while the sizes stay the same.
/// </summary>
internal sealed class PaddedInput : IDisposable
{
    /// <summary>Pixels per invocation; llvmpipe pays per invocation, GPUs do not mind.</summary>
    private const int PixelsX = 4, LocalX = 8, LocalY = 8;
    private readonly GpuDevice _device;
    private readonly ShaderLibrary _shaders;
    private ShaderDefines? _defines;

    public PaddedInput(GpuDevice device, ShaderLibrary shaders, string label)
    {
        _device = device;
        _shaders = shaders;
        Map = new GpuFeatureMap(device, label);
    }

    /// <summary>The padded map: <c>[slices][PadH][PadW]</c>.</summary>
    public GpuFeatureMap Map { get; }

    /// <summary>
    /// Copies <paramref name="input"/> into a <paramref name="padWidth"/> × <paramref name="padHeight"/>
    /// plane with the image at offset (<paramref name="pad"/>, <paramref name="pad"/>) and zeros around it.
    /// </summary>
    public void Encode(GpuFeatureMap input, int pad, int padWidth, int padHeight)
    {
        Map.EnsureShape(input.Channels, padHeight, padWidth);
        if (_defines is null || _defines["IN_W"] != input.Width || _defines["IN_H"] != input.Height || _defines["PAD_W"] != padWidth
            || _defines["PAD_H"] != padHeight || _defines["PAD"] != pad || _defines["SLICES"] != input.Slices)
        {
            _defines = new ShaderDefines(new Dictionary<string, int>
            {
                ["IN_W"] = input.Width, ["IN_H"] = input.Height, ["PAD_W"] = padWidth, ["PAD_H"] = padHeight,
                ["PAD"] = pad, ["SLICES"] = input.Slices, ["PIX_X"] = PixelsX, ["LOCAL_X"] = LocalX, ["LOCAL_Y"] = LocalY, ["ACTIVATION"] = 0,
            });
        }
        var program = _shaders.Get("pad.comp", _defines);
        input.Buffer.Bind(0);
        Map.Buffer.Bind(1);
        ComputeDispatch.Run(_device, program, ComputeDispatch.Groups(ComputeDispatch.Groups(padWidth, PixelsX), LocalX), ComputeDispatch.Groups(padHeight, LocalY), input.Slices, "pad.comp");
    }

    public void Dispose() => Map.Dispose();
}
