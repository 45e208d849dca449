package dev.infbench.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The numeric precision a cell computes in ({@code -p precision=}). */
public enum Precision {
    /** Full precision: the reference every other precision is checked and timed against. */
    FP32,
    /** IEEE half precision. */
    FP16,
    /** bfloat16: fp32's range with a 7-bit mantissa. */
    BF16,
    /** 8-bit integer weights (and activations, for static quantization). */
    INT8;

    /** The name on the command line and in results: {@code fp32}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Precision::label).toList();
    }

    /** The precision of a validated label. */
    public static Precision of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
