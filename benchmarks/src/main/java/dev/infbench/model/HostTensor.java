package dev.infbench.model;

import java.util.Arrays;

/**
 * An input tensor in host memory, independent of any backend. Exactly one of {@code longs}/{@code floats} is set.
 *
 * @param name   the model input it feeds
 * @param shape  its dimensions
 * @param longs  int64 data, row-major, or null
 * @param floats fp32 data, row-major, or null
 */
public record HostTensor(String name, long[] shape, long[] longs, float[] floats) {

    public static HostTensor ofLongs(String name, long[] shape, long[] data) {
        return new HostTensor(name, shape, data, null);
    }

    public static HostTensor ofFloats(String name, long[] shape, float[] data) {
        return new HostTensor(name, shape, null, data);
    }

    public String dtype() {
        return longs != null ? "int64" : "float32";
    }

    /** e.g. {@code input_ids int64[8x128]}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(' ').append(dtype()).append('[');
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return describe() + " " + (longs != null ? Arrays.toString(Arrays.copyOf(longs, Math.min(8, longs.length)))
                : Arrays.toString(Arrays.copyOf(floats, Math.min(8, floats.length)))) + "...";
    }
}
