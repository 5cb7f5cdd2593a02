using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using RealtimeConv.Layers;

namespace RealtimeConv.Peers;

/// <summary>
/// Builds an ONNX model for a chain of <see cref="ConvLayer"/>s with OnnxSharp's protobuf classes:
/// per layer one <c>Conv</c> node (weights and bias as initializers) and, when the layer has an
/// activation, one <c>Relu</c> or <c>Clip(0, 6)</c> node, the way PyTorch's exporter writes them.
/// </summary>
/// <remarks>
/// The mapping is ONNX's Conv definition with our layer contract:
/// <code>
///   W: [O][M / group][K][K]   group = 1 (standard, pointwise) or M (depthwise)
///   pads = [p, p, p, p] with p = (K − 1) / 2, strides = [s, s], dilations = [1, 1]
///   output side = floor((H + 2p − K) / s) + 1 = ceil(H / s) for odd K
/// </code>
/// The input is <c>[1][M][height][width]</c> with symbolic height and width, so one model serves every
/// image size; ORT resolves the shapes when it is run.
/// </remarks>
internal static class OnnxConvModel
{
    /// <summary>Opset 13: Clip takes min/max as inputs (since 11); Conv is unchanged since 11.</summary>
    public const long Opset = 13;

    /// <summary>IR version 7 is the one that introduced opset 13; ORT 1.31 reads IR 3 … 11.</summary>
    public const long IrVersion = 7;

    /// <summary>Name of the graph input.</summary>
    public const string InputName = "input";

    /// <summary>Name of the graph output.</summary>
    public const string OutputName = "output";

    private const int FloatType = (int)TensorProto.Types.DataType.Float;

    /// <summary>The model for <paramref name="layers"/> run one after another, as serialised bytes.</summary>
    public static byte[] BuildBytes(IReadOnlyList<ConvLayer> layers, string graphName) => Build(layers, graphName).ToByteArray();

    /// <summary>The model for <paramref name="layers"/> run one after another.</summary>
    public static ModelProto Build(IReadOnlyList<ConvLayer> layers, string graphName)
    {
        if (layers.Count == 0) throw new ArgumentException($"graph '{graphName}' needs at least one layer", nameof(layers));
        for (int i = 1; i < layers.Count; i++)
            if (layers[i].InChannels != layers[i - 1].OutChannels)
                throw new ArgumentException($"graph '{graphName}': layer '{layers[i].Name}' takes {layers[i].InChannels} channels, " +
                    $"'{layers[i - 1].Name}' makes {layers[i - 1].OutChannels}", nameof(layers));

        var graph = new GraphProto { Name = graphName };
        graph.Input.Add(TensorValue(InputName, layers[0].InChannels, "height", "width"));
        graph.Output.Add(TensorValue(OutputName, layers[^1].OutChannels, "out_height", "out_width"));

        string current = InputName;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            string prefix = $"l{i}_{layer.Kind.ToString().ToLowerInvariant()}";
            string result = i == layers.Count - 1 ? OutputName : $"{prefix}_out";
            string convOut = layer.Activation == Activation.None ? result : $"{prefix}_conv";
            AddConv(graph, layer, prefix, current, convOut);
            if (layer.Activation != Activation.None)
                AddActivation(graph, layer.Activation, prefix, convOut, result);
            current = result;
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "RealtimeConv",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    private static void AddConv(GraphProto graph, ConvLayer layer, string prefix, string input, string output)
    {
        int k = layer.Kernel, p = layer.Padding, s = layer.Stride;
        string weights = $"{prefix}_W";
        graph.Initializer.Add(FloatTensor(weights, layer.Weights, layer.OutChannels, layer.InChannelsPerGroup, k, k));
        var node = new NodeProto { Name = $"{prefix}_{layer.Name}", OpType = "Conv" };
        node.Input.Add(input);
        node.Input.Add(weights);
        if (layer.HasBias)
        {
            string bias = $"{prefix}_B";
            graph.Initializer.Add(FloatTensor(bias, layer.Bias, layer.OutChannels));
            node.Input.Add(bias);
        }
        node.Output.Add(output);
        node.Attribute.Add(Ints("kernel_shape", k, k));
        node.Attribute.Add(Ints("pads", p, p, p, p));
        node.Attribute.Add(Ints("strides", s, s));
        node.Attribute.Add(Ints("dilations", 1, 1));
        node.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = layer.Groups });
        graph.Node.Add(node);
    }

    private static void AddActivation(GraphProto graph, Activation activation, string prefix, string input, string output)
    {
        var node = new NodeProto { Name = $"{prefix}_{activation.Name()}", Output = { output } };
        node.Input.Add(input);
        switch (activation)
        {
            case Activation.Relu:
                node.OpType = "Relu";
                break;
            case Activation.Relu6:
                // Clip(x, 0, 6); since opset 11 the bounds are scalar inputs, not attributes.
                node.OpType = "Clip";
                string min = $"{prefix}_clip_min", max = $"{prefix}_clip_max";
                graph.Initializer.Add(FloatTensor(min, [0f]));
                graph.Initializer.Add(FloatTensor(max, [6f]));
                node.Input.Add(min);
                node.Input.Add(max);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "no ONNX node for this activation");
        }
        graph.Node.Add(node);
    }

    /// <summary>A float tensor initializer; raw little-endian bytes, as ONNX stores them.</summary>
    private static TensorProto FloatTensor(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian");
        var tensor = new TensorProto { Name = name, DataType = FloatType, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>A float tensor <c>[1][channels][height][width]</c> whose sides are named, not fixed.</summary>
    private static ValueInfoProto TensorValue(string name, int channels, string height, string width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = channels });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = height });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = FloatType, Shape = shape } },
        };
    }
}
