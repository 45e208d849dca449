package dev.infbench.model.quantize;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import dev.infbench.model.TensorData;

/** The nodes and initializers that quantized graphs are written with. */
final class QdqNodes {
    private QdqNodes() {
    }

    static OnnxMl.NodeProto node(String op, String name, String[] inputs, String output) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n.build();
    }

    static OnnxMl.NodeProto withAxis(OnnxMl.NodeProto n, int axis) {
        return n.toBuilder().addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis")
                .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(axis)).build();
    }

    static OnnxMl.NodeProto cast(String name, String input, String output, DataType to) {
        return node("Cast", name, new String[] {input}, output).toBuilder().addAttribute(
                OnnxMl.AttributeProto.newBuilder().setName("to").setType(OnnxMl.AttributeProto.AttributeType.INT)
                        .setI(to.getNumber())).build();
    }

    /** A float scalar (per tensor) or 1-D (per channel) scale initializer. */
    static OnnxMl.TensorProto scales(String name, float[] scales, boolean perChannel) {
        return TensorData.tensor(name, DataType.FLOAT, perChannel ? new long[] {scales.length} : new long[0],
                TensorData.rawFloats(scales));
    }

    /** Zero points of {@code type} (UINT8, INT8 or INT32), scalar or 1-D. */
    static OnnxMl.TensorProto zeroPoints(String name, int[] zps, DataType type, boolean perChannel) {
        long[] dims = perChannel ? new long[] {zps.length} : new long[0];
        if (type == DataType.INT32) {
            return TensorData.tensor(name, type, dims, TensorData.rawInts(zps));
        }
        byte[] b = new byte[zps.length];
        for (int i = 0; i < zps.length; i++) {
            b[i] = (byte) zps[i];
        }
        return TensorData.tensor(name, type, dims, ByteString.copyFrom(b));
    }
}
