package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The values of ONNX initializers, read and written as raw little-endian data, as ONNX stores them. */
public final class TensorData {
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;

    private TensorData() {
    }

    /** A float32 tensor's values (raw data or the {@code float_data} field); null for any other type. */
    public static float[] floats(OnnxMl.TensorProto t) {
        if (t == null || t.getDataType() != FLOAT) {
            return null;
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[b.remaining() / 4];
            b.asFloatBuffer().get(values);
            return values;
        }
        float[] values = new float[t.getFloatDataCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = t.getFloatData(i);
        }
        return values;
    }

    public static ByteString rawFloats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return ByteString.copyFrom(b.array());
    }

    public static ByteString rawInts(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return ByteString.copyFrom(b.array());
    }

    /** A named tensor of the given type, dimensions and raw bytes. */
    public static OnnxMl.TensorProto tensor(String name, OnnxMl.TensorProto.DataType type, long[] dims,
                                            ByteString raw) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(raw);
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
