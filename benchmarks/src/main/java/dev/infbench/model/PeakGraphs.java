package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.util.Random;

/**
 * The graphs the machine's peak is measured with: one square matrix product, the weight an initializer and the
 * other operand the graph's input, so that a backend runs nothing but its matrix-product kernel (opset 17, IR 8).
 */
public final class PeakGraphs {
    /** The input's name in both graphs. */
    public static final String INPUT = "a";

    private PeakGraphs() {
    }

    /** fp32 {@code MatMul}: input float32 [n, n] times a seeded float32 [n, n] weight. */
    public static byte[] fp32MatMul(int n) {
        Random random = new Random(n);
        byte[] w = new byte[n * n * 4];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(w).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n * n; i++) {
            b.putFloat((float) random.nextGaussian());
        }
        return graph("MatMul", n, OnnxMl.TensorProto.DataType.FLOAT_VALUE, OnnxMl.TensorProto.DataType.FLOAT_VALUE,
                OnnxMl.TensorProto.DataType.FLOAT_VALUE, w);
    }

    /** int8 {@code MatMulInteger}: input uint8 [n, n] times a seeded int8 [n, n] weight, into int32. */
    public static byte[] int8MatMul(int n) {
        Random random = new Random(n);
        byte[] w = new byte[n * n];
        random.nextBytes(w);
        return graph("MatMulInteger", n, OnnxMl.TensorProto.DataType.UINT8_VALUE,
                OnnxMl.TensorProto.DataType.INT8_VALUE, OnnxMl.TensorProto.DataType.INT32_VALUE, w);
    }

    /** The operations of one call of either graph: 2 n³ (a multiply-add is 2). */
    public static double operations(int n) {
        return 2.0 * n * n * n;
    }

    private static byte[] graph(String op, int n, int inputType, int weightType, int outputType, byte[] weight) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("peak-" + op);
        g.addInput(value(INPUT, inputType, n));
        g.addInitializer(OnnxMl.TensorProto.newBuilder().setName("w").setDataType(weightType).addDims(n).addDims(n)
                .setRawData(ByteString.copyFrom(weight)));
        g.addNode(OnnxMl.NodeProto.newBuilder().setOpType(op).setName("product").addInput(INPUT).addInput("w")
                .addOutput("y"));
        g.addOutput(value("y", outputType, n));
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("infbench")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(g).build().toByteArray();
    }

    private static OnnxMl.ValueInfoProto value(String name, int type, int n) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(n))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(n));
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }
}
