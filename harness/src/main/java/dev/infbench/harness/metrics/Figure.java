package dev.infbench.harness.metrics;

/** A figure of a cell that the reports rank, compare and state ratios of. */
public enum Figure {
    /** Median per-call latency, ms. */
    P50("p50", false),
    /** 90th percentile per-call latency, ms. */
    P90("p90", false),
    /** 99th percentile per-call latency, ms. */
    P99("p99", false),
    /** Inputs per second, all callers together. */
    THROUGHPUT("samples/s", true);

    private final String label;
    private final boolean higherIsBetter;

    Figure(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** "p50", "p99", "samples/s". */
    public String label() {
        return label;
    }

    /** True for throughput, false for latencies. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The quantile of a latency figure. */
    double quantile() {
        return switch (this) {
            case P50 -> 0.5;
            case P90 -> 0.9;
            case P99 -> 0.99;
            case THROUGHPUT -> throw new IllegalStateException("throughput is no quantile");
        };
    }

    /** The figure of a label. */
    public static Figure of(String label) {
        for (Figure f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no figure '" + label + "'");
    }
}
