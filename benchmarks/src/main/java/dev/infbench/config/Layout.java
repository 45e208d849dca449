package dev.infbench.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The memory layout of a cell's image inputs ({@code -p layout=}). */
public enum Layout {
    /** Channels first, as ONNX and PyTorch define their image operators. */
    NCHW,
    /** Channels last. */
    NHWC;

    /** The name on the command line and in results: {@code nchw}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Layout::label).toList();
    }

    /** The layout of a validated label. */
    public static Layout of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
