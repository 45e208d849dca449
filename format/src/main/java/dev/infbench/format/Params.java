package dev.infbench.format;

import java.util.List;
import java.util.Map;

/**
 * The names of a cell's parameters as they appear in journal lines and JMH results, and the baseline configuration
 * every speed-up is measured against. The benchmarks' {@code Parameter} enum gives each name its default and its
 * rules; the harness reads cells by these names.
 */
public final class Params {
    public static final String MODEL = "model";
    public static final String BACKEND = "backend";
    public static final String TARGET = "target";
    public static final String PRECISION = "precision";
    public static final String BATCH = "batch";
    public static final String THREADS = "threads";
    public static final String INTEROP = "interop";
    public static final String LAYOUT = "layout";
    public static final String SEQ = "seq";
    public static final String SHAPE = "shape";
    public static final String OPTIONS = "options";

    /** Every name, in the order of the benchmark's {@code @Param} fields (and of the CSV's columns). */
    public static final List<String> NAMES = List.of(MODEL, BACKEND, TARGET, PRECISION, BATCH, THREADS, INTEROP,
            LAYOUT, SEQ, SHAPE, OPTIONS);

    /** The baseline's precision: full precision, what every lowered precision is checked and timed against. */
    public static final String BASELINE_PRECISION = "fp32";
    /** The baseline's batch: one sample per call. */
    public static final String BASELINE_BATCH = "1";
    /** The baseline's backend options: the backend's defaults. */
    public static final String BASELINE_OPTIONS = "none";

    /** The baseline configuration: fp32, batch 1, backend defaults (the other parameters as the cell has them). */
    public static final Map<String, String> BASELINE = Map.of(PRECISION, BASELINE_PRECISION, BATCH, BASELINE_BATCH,
            OPTIONS, BASELINE_OPTIONS);

    private Params() {
    }
}
