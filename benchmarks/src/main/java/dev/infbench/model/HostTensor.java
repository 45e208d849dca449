package dev.infbench.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A tensor in host memory, independent of any backend: a direct, native-order buffer that backends can use in place
 * (ONNX Runtime copies heap arrays on every call, but not direct buffers).
 *
 * @param name  the model input or output it belongs to
 * @param dtype its element type
 * @param shape its dimensions
 * @param data  row-major elements, position 0, direct and in native byte order
 */
public record HostTensor(String name, DType dtype, long[] shape, ByteBuffer data) {

    /** A zero-filled tensor of the given type and shape. */
    public static HostTensor allocate(String name, DType dtype, long[] shape) {
        long n = count(shape);
        if (n * dtype.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("input '" + name + "' " + describe(name, dtype, shape)
                    + " needs more than 2 GiB; use a smaller batch or shape");
        }
        return new HostTensor(name, dtype, shape.clone(),
                ByteBuffer.allocateDirect((int) (n * dtype.bytes())).order(ByteOrder.nativeOrder()));
    }

    public static HostTensor ofLongs(String name, long[] shape, long[] values) {
        HostTensor t = allocate(name, DType.INT64, shape);
        t.data.asLongBuffer().put(values);
        return t;
    }

    public static HostTensor ofFloats(String name, long[] shape, float[] values) {
        HostTensor t = allocate(name, DType.FLOAT32, shape);
        t.data.asFloatBuffer().put(values);
        return t;
    }

    public static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long count() {
        return count(shape);
    }

    /** Element {@code i} as a double, whatever the type (for comparing outputs). */
    public double get(long i) {
        int at = (int) (i * dtype.bytes());
        return switch (dtype) {
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> data.getDouble(at);
            case FLOAT16 -> Half.toFloat(data.getShort(at));
            case INT64 -> data.getLong(at);
            case INT32 -> data.getInt(at);
            case INT8 -> data.get(at);
            case UINT8 -> data.get(at) & 0xFF;
            case BOOL -> data.get(at) != 0 ? 1 : 0;
        };
    }

    /** Sets element {@code i} from a double, rounding to the type. */
    public void set(long i, double v) {
        int at = (int) (i * dtype.bytes());
        switch (dtype) {
            case FLOAT32 -> data.putFloat(at, (float) v);
            case FLOAT64 -> data.putDouble(at, v);
            case FLOAT16 -> data.putShort(at, Half.fromFloat((float) v));
            case INT64 -> data.putLong(at, (long) v);
            case INT32 -> data.putInt(at, (int) v);
            case INT8, UINT8 -> data.put(at, (byte) v);
            case BOOL -> data.put(at, (byte) (v != 0 ? 1 : 0));
        }
    }

    /**
     * This 4-D [N, C, H, W] tensor copied into channels-last order [N, H, W, C] (the same values, another layout);
     * made outside the timed region.
     */
    public HostTensor toChannelsLast() {
        if (shape.length != 4) {
            throw new IllegalArgumentException(describe() + " is not 4-D [N, C, H, W]");
        }
        long n = shape[0];
        long c = shape[1];
        long h = shape[2];
        long w = shape[3];
        HostTensor out = allocate(name, dtype, new long[] {n, h, w, c});
        int size = dtype.bytes();
        for (long b = 0; b < n; b++) {
            for (long ch = 0; ch < c; ch++) {
                for (long y = 0; y < h; y++) {
                    for (long x = 0; x < w; x++) {
                        long from = ((b * c + ch) * h + y) * w + x;
                        long to = ((b * h + y) * w + x) * c + ch;
                        for (int k = 0; k < size; k++) {
                            out.data.put((int) (to * size + k), data.get((int) (from * size + k)));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** e.g. {@code input_ids int64[8x128]}. */
    public String describe() {
        return describe(name, dtype, shape);
    }

    static String describe(String name, DType dtype, long[] shape) {
        StringBuilder sb = new StringBuilder(name).append(' ').append(dtype.label()).append('[');
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
