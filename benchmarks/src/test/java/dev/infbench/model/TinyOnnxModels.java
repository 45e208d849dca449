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
