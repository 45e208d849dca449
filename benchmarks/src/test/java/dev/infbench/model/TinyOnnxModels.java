package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Small ONNX models written by the tests, as a user would bring them: a model file from outside the catalog.
 * They are built with the ONNX protobuf classes (opset 17, IR 8) from seeded weights.
 */
public final class TinyOnnxModels {
    private TinyOnnxModels() {
    }

    /**
     * An image classifier with dynamic height and width: {@code pixel_values float[batch, 3, height, width]} →
     * Conv 3→8 (3×3, pad 1) → Relu → GlobalAveragePool → Flatten → Gemm 8→10 → {@code logits float[batch, 10]}.
     */
    public static Path imageClassifier(Path dir) throws IOException {
        Random r = new Random(42);
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("tiny-image-classifier");
        g.addInput(value("pixel_values", dim("batch"), dim(3), dim("height"), dim("width")));
        g.addOutput(value("logits", dim("batch"), dim(10)));
        g.addInitializer(floats("conv.weight", r, 8, 3, 3, 3));
        g.addInitializer(floats("conv.bias", r, 8));
        g.addInitializer(floats("fc.weight", r, 10, 8));
        g.addInitializer(floats("fc.bias", r, 10));
        g.addNode(node("Conv", new String[] {"pixel_values", "conv.weight", "conv.bias"}, "conv")
                .addAttribute(ints("kernel_shape", 3, 3)).addAttribute(ints("pads", 1, 1, 1, 1)));
        g.addNode(node("Relu", new String[] {"conv"}, "relu"));
        g.addNode(node("GlobalAveragePool", new String[] {"relu"}, "pool"));
        g.addNode(node("Flatten", new String[] {"pool"}, "flat"));
        g.addNode(node("Gemm", new String[] {"flat", "fc.weight", "fc.bias"}, "logits")
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("transB").setI(1)
                        .setType(OnnxMl.AttributeProto.AttributeType.INT)));
        return write(dir.resolve("tiny-image-classifier.onnx"), g);
    }

    /** Where {@link #withExternalWeight} puts the tensor that reads external data. */
    public enum Holder {
        /** A graph initializer. */
        INITIALIZER,
        /** The {@code value} attribute of a {@code Constant} node. */
        CONSTANT_NODE,
        /** An initializer inside the {@code then_branch} subgraph of an {@code If} node. */
        SUBGRAPH
    }

    /** Bytes of the external weight: {@code fc.weight}, float32 [32, 10]. */
    public static final int EXTERNAL_WEIGHT_BYTES = 32 * 10 * 4;

    /**
     * A two-layer classifier, {@code features float[batch, 32]} → MatMul 32→32 → Relu → MatMul {@code fc.weight}
     * 32→10 → {@code logits float[batch, 10]}, named {@code fileName}, whose {@code fc.weight} is external data at
     * {@code location} (offset 0, {@link #EXTERNAL_WEIGHT_BYTES} long), held where {@code holder} says. With
     * {@code writeWeights}, the weights are written to {@code location} beside it. (No Conv: its int8 variant is
     * quantized dynamically, which is accurate on every CPU.)
     */
    public static Path withExternalWeight(Path dir, String fileName, String location, Holder holder,
                                          boolean writeWeights) throws IOException {
        Random r = new Random(42);
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("external-data-classifier");
        g.addInput(value("features", dim("batch"), dim(32)));
        g.addOutput(value("logits", dim("batch"), dim(10)));
        g.addInitializer(floats("hidden.weight", r, 32, 32));
        OnnxMl.TensorProto weight = floats("fc.weight", r, 32, 10);
        if (writeWeights) {
            Files.write(dir.resolve(location), weight.getRawData().toByteArray());
        }
        OnnxMl.TensorProto external = weight.toBuilder().clearRawData()
                .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location)).addExternalData(entry("offset", "0"))
                .addExternalData(entry("length", Integer.toString(EXTERNAL_WEIGHT_BYTES))).build();
        switch (holder) {
            case INITIALIZER -> g.addInitializer(external);
            case CONSTANT_NODE -> g.addNode(node("Constant", new String[0], "fc.weight").addAttribute(
                    OnnxMl.AttributeProto.newBuilder().setName("value").setT(external)
                            .setType(OnnxMl.AttributeProto.AttributeType.TENSOR)));
            case SUBGRAPH -> {
                g.addInitializer(OnnxMl.TensorProto.newBuilder().setName("cond")
                        .setDataType(OnnxMl.TensorProto.DataType.BOOL.getNumber())
                        .setRawData(ByteString.copyFrom(new byte[] {1})));
                OnnxMl.GraphProto.Builder then = OnnxMl.GraphProto.newBuilder().setName("then")
                        .addInitializer(external.toBuilder().setName("w.then"))
                        .addNode(node("Identity", new String[] {"w.then"}, "out.then"))
                        .addOutput(value("out.then", dim(32), dim(10)));
                OnnxMl.GraphProto.Builder otherwise = OnnxMl.GraphProto.newBuilder().setName("else")
                        .addInitializer(weight.toBuilder().setName("w.else"))
                        .addNode(node("Identity", new String[] {"w.else"}, "out.else"))
                        .addOutput(value("out.else", dim(32), dim(10)));
                g.addNode(node("If", new String[] {"cond"}, "fc.weight")
                        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("then_branch").setG(then)
                                .setType(OnnxMl.AttributeProto.AttributeType.GRAPH))
                        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("else_branch").setG(otherwise)
                                .setType(OnnxMl.AttributeProto.AttributeType.GRAPH)));
            }
            default -> throw new IllegalArgumentException(holder.name());
        }
        g.addNode(node("MatMul", new String[] {"features", "hidden.weight"}, "hidden"));
        g.addNode(node("Relu", new String[] {"hidden"}, "relu"));
        g.addNode(node("MatMul", new String[] {"relu", "fc.weight"}, "logits"));
        return write(dir.resolve(fileName), g);
    }

    /**
     * A model whose only input is a scalar (rank 0): {@code scale float[]} → Mul with a constant
     * {@code [4]} vector → {@code scaled float[4]} (no batch dimension anywhere).
     */
    public static Path scalarInput(Path dir) throws IOException {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("scalar-input");
        g.addInput(value("scale"));
        g.addOutput(value("scaled", dim(4)));
        g.addInitializer(floats("v", new Random(3), 4));
        g.addNode(node("Mul", new String[] {"scale", "v"}, "scaled"));
        return write(dir.resolve("scalar-input.onnx"), g);
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** A text model that takes a string input, which the suite cannot fill: {@code text string[batch]} → Identity. */
    public static Path stringInput(Path dir) throws IOException {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("string-input");
        OnnxMl.ValueInfoProto.Builder in = value("text", dim("batch"));
        in.getTypeBuilder().getTensorTypeBuilder().setElemType(OnnxMl.TensorProto.DataType.STRING.getNumber());
        g.addInput(in);
        OnnxMl.ValueInfoProto.Builder out = value("same", dim("batch"));
        out.getTypeBuilder().getTensorTypeBuilder().setElemType(OnnxMl.TensorProto.DataType.STRING.getNumber());
        g.addOutput(out);
        g.addNode(node("Identity", new String[] {"text"}, "same"));
        return write(dir.resolve("string-input.onnx"), g);
    }

    /** A valid file whose one node is an operator no runtime has: {@code x float[batch, 4]} → NoSuchOperator. */
    public static Path unknownOperator(Path dir) throws IOException {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("unknown-operator");
        g.addInput(value("x", dim("batch"), dim(4)));
        g.addOutput(value("y", dim("batch"), dim(4)));
        g.addNode(node("NoSuchOperator", new String[] {"x"}, "y"));
        return write(dir.resolve("unknown-operator.onnx"), g);
    }

    /**
     * An allocation bomb: a tiny file and a tiny input ({@code x float[batch, 1]}) whose graph expands them to
     * {@code [batch, 2^20, 2^20]} floats (4 TiB a sample) with Expand, so the runtime's allocation must fail.
     */
    public static Path allocationBomb(Path dir) throws IOException {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("allocation-bomb");
        g.addInput(value("x", dim("batch"), dim(1)));
        g.addOutput(value("y", dim("batch"), dim(1 << 20), dim(1 << 20)));
        g.addInitializer(OnnxMl.TensorProto.newBuilder().setName("shape")
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(3)
                .addInt64Data(1).addInt64Data(1 << 20).addInt64Data(1 << 20).build());
        g.addNode(node("Unsqueeze", new String[] {"x", "axes"}, "x3"));
        g.addInitializer(OnnxMl.TensorProto.newBuilder().setName("axes")
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(1).addInt64Data(2).build());
        g.addNode(node("Expand", new String[] {"x3", "shape"}, "y"));
        return write(dir.resolve("allocation-bomb.onnx"), g);
    }

    /** A model whose fixed input shape is far beyond any machine: {@code volume float[batch, 65536, 65536]} → Relu. */
    public static Path hugeInput(Path dir) throws IOException {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("huge-input");
        g.addInput(value("volume", dim("batch"), dim(65536), dim(65536)));
        g.addOutput(value("y", dim("batch"), dim(65536), dim(65536)));
        g.addNode(node("Relu", new String[] {"volume"}, "y"));
        return write(dir.resolve("huge-input.onnx"), g);
    }

    /** A model whose input has an element type the suite cannot fill: {@code signal complex64[batch, 4]} → Identity. */
    public static Path complexInput(Path dir) throws IOException {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("complex-input");
        OnnxMl.ValueInfoProto.Builder in = value("signal", dim("batch"), dim(4));
        in.getTypeBuilder().getTensorTypeBuilder().setElemType(OnnxMl.TensorProto.DataType.COMPLEX64.getNumber());
        g.addInput(in);
        OnnxMl.ValueInfoProto.Builder out = value("y", dim("batch"), dim(4));
        out.getTypeBuilder().getTensorTypeBuilder().setElemType(OnnxMl.TensorProto.DataType.COMPLEX64.getNumber());
        g.addOutput(out);
        g.addNode(node("Identity", new String[] {"signal"}, "y"));
        return write(dir.resolve("complex-input.onnx"), g);
    }

    private static Path write(Path file, OnnxMl.GraphProto.Builder g) throws IOException {
        OnnxMl.ModelProto m = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("infbench-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(g).build();
        Files.write(file, m.toByteArray());
        return file;
    }

    private static OnnxMl.TensorShapeProto.Dimension dim(long v) {
        return OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(v).build();
    }

    private static OnnxMl.TensorShapeProto.Dimension dim(String p) {
        return OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(p).build();
    }

    private static OnnxMl.ValueInfoProto.Builder value(String name, OnnxMl.TensorShapeProto.Dimension... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (OnnxMl.TensorShapeProto.Dimension d : dims) {
            shape.addDim(d);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)));
    }

    private static OnnxMl.TensorProto floats(String name, Random r, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocate((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat((float) (r.nextGaussian() * 0.5));
        }
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static OnnxMl.NodeProto.Builder node(String op, String[] inputs, String output) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output);
        for (String i : inputs) {
            n.addInput(i);
        }
        return n;
    }

    private static OnnxMl.AttributeProto ints(String name, long... values) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
