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
    public static final String SCENARIO = "scenario";
    public static final String RATE = "rate";
    public static final String MAX_DELAY_MS = "max_delay_ms";
    public static final String CALLERS = "callers";
    public static final String SESSIONS = "sessions";

    /** The defaults of the parameters added after runs were recorded (the benchmarks' defaults name these). */
    public static final String DEFAULT_SCENARIO = "single";
    public static final String DEFAULT_RATE = "0";
    public static final String DEFAULT_MAX_DELAY_MS = "0";
    public static final String DEFAULT_CALLERS = "1";
    public static final String DEFAULT_SESSIONS = "1";

    /**
     * The parameters added after runs were recorded without them, with their defaults: a cell of an older run, which
     * lacks one, is the cell with its default, in identity, comparisons, merges and history.
     */
    public static final Map<String, String> ADDED = orderedMap(SCENARIO, DEFAULT_SCENARIO, RATE, DEFAULT_RATE,
            MAX_DELAY_MS, DEFAULT_MAX_DELAY_MS, CALLERS, DEFAULT_CALLERS, SESSIONS, DEFAULT_SESSIONS);

    /** Every name, in the order of the benchmark's {@code @Param} fields (and of the CSV's columns). */
    public static final List<String> NAMES = List.of(MODEL, BACKEND, TARGET, PRECISION, BATCH, THREADS, INTEROP,
            LAYOUT, SEQ, SHAPE, OPTIONS, SCENARIO, RATE, MAX_DELAY_MS, CALLERS, SESSIONS);

    /** The baseline's precision: full precision, what every lowered precision is checked and timed against. */
    public static final String BASELINE_PRECISION = "fp32";
    /** The baseline's batch: one sample per call. */
    public static final String BASELINE_BATCH = "1";
    /** The baseline's backend options: the backend's defaults. */
    public static final String BASELINE_OPTIONS = "none";

    /** The baseline configuration: fp32, batch 1, backend defaults (the other parameters as the cell has them). */
    public static final Map<String, String> BASELINE = Map.of(PRECISION, BASELINE_PRECISION, BATCH, BASELINE_BATCH,
            OPTIONS, BASELINE_OPTIONS);

    /**
     * A cell's parameters with every {@linkplain #ADDED added} parameter it lacks at its default, in the order given
     * then the added ones; the same map (not a copy) when it lacks none. Null stays null (a line without params).
     */
    public static Map<String, String> withAdded(Map<String, String> params) {
        if (params == null || params.keySet().containsAll(ADDED.keySet())) {
            return params;
        }
        Map<String, String> all = new java.util.LinkedHashMap<>(params);
        ADDED.forEach(all::putIfAbsent);
        return java.util.Collections.unmodifiableMap(all);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private Params() {
    }
}
