using RealtimeConv.Gpu;
using RealtimeConv.Kernels;
using RealtimeConv.Kernels.Reference;
using RealtimeConv.Pipelines;
using RealtimeConv.Tensors;

namespace RealtimeConv.Tests.Gpu;

/// <summary>
/// Every preset, resolved in both modes, run as one <see cref="GpuChain"/> and compared layer by layer with
/// the reference kernels (each reference layer reads the previous reference output).
/// </summary>
[Collection(GpuCollection.Name)]
public sealed class PresetGpuTests(GpuFixture gpu)
{
    [Theory]
    [InlineData("edges:k=3", 31, 23)]
    [InlineData("edges:k=5", 19, 26)]
    // The 128- and 256-channel layers make mobilenet the heaviest: keep its input small.
    [InlineData("mobilenet:k=3", 16, 12)]
    [InlineData("mobilenet:k=5,seed=2", 13, 9)]
    [InlineData("random:m=8,n=12,k=3", 24, 17)]
    [InlineData("random:m=6,n=10,k=5,s=2,d=2,seed=3", 21, 15)]
    // A standard block: separable mode runs its fitted depthwise + pointwise.
    [InlineData("random:m=5,n=7,k=5,type=standard", 17, 13)]
    [InlineData("random:m=4,n=9,k=3,s=2,type=standard,d=2", 15, 20)]
    public void EveryLayerMatchesTheReferenceInBothModes(string spec, int width, int height)
    {
        var pipeline = PipelineSource.Load(spec);
        var random = new Random(spec.Length);
        var input = GpuAssert.RandomMap(random, pipeline.InputChannels, height, width);
        var reference = new ReferenceBackend();
        foreach (var mode in new[] { ConvMode.Standard, ConvMode.Separable })
        {
            var layers = pipeline.Resolve(mode).Layers;
            var outputs = gpu.Gl(() =>
            {
                using var chain = new GpuChain(gpu.Backend.Device, gpu.Backend.Shaders, layers);
                chain.RunFrame(input);
                return layers.Select((layer, i) =>
                {
                    var map = new FeatureMap(layer.OutChannels, chain.Output(i).Height, chain.Output(i).Width);
                    chain.Download(i, map);
                    return map;
                }).ToArray();
            });
            var expected = input;
            for (int i = 0; i < layers.Count; i++)
            {
                expected = reference.Prepare(layers[i]).Run(expected);
                GpuAssert.Close(expected, outputs[i], $"{spec} {mode} layer {i} ({layers[i]})");
            }
        }
    }
}
