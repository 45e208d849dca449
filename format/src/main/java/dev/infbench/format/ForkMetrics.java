package dev.infbench.format;

import java.util.Set;

/**
 * The secondary results the suite's JMH profiler adds to every fork's JMH result (under {@code secondaryMetrics},
 * one value per measurement iteration in {@code rawData}): the names both the fork that writes them and the harness
 * that reads them use: peaks (running maxima, {@link #MAXIMA}) and the fork's cold start (one value per fork,
 * repeated after each iteration).
 */
public final class ForkMetrics {
    /** JMH's prefix for profiler results. */
    private static final String PREFIX = "\u00b7infbench.";
    /** The fork's peak resident memory so far (VmHWM of {@code /proc/self/status}), MiB; Linux only. */
    public static final String PEAK_RSS_MIB = PREFIX + "peak_rss_mib";
    /** The JVM heap's peak use so far (the heap pools' peak usage added up), MiB. */
    public static final String HEAP_PEAK_MIB = PREFIX + "heap_peak_mib";
    /**
     * Cold start: the time to open the cell's session (read the model, build and optimise the backend's graph), ms,
     * in this fresh fork JVM; the same value after every iteration of the fork.
     */
    public static final String LOAD_MS = PREFIX + "load_ms";
    /** Cold start: the first call on the new session (untimed by JMH, before warmup), ms. */
    public static final String FIRST_CALL_MS = PREFIX + "first_call_ms";
    /**
     * The pipeline fork's stages ({@code --profile}): the mean time per call of the iteration spent preprocessing
     * (the request into input tensors), in the model (the call and its outputs copied to the host), postprocessing
     * (the outputs into the answer), and the whole call, ms, each measured inside the same calls.
     */
    public static final String STAGE_PREPROCESS_MS = PREFIX + "stage.preprocess_ms";
    public static final String STAGE_MODEL_MS = PREFIX + "stage.model_ms";
    public static final String STAGE_POSTPROCESS_MS = PREFIX + "stage.postprocess_ms";
    public static final String STAGE_END_TO_END_MS = PREFIX + "stage.end_to_end_ms";
    /** The stages, in the order a call runs them, the end to end last. */
    public static final java.util.List<String> STAGES = java.util.List.of(STAGE_PREPROCESS_MS, STAGE_MODEL_MS,
            STAGE_POSTPROCESS_MS, STAGE_END_TO_END_MS);
    /**
     * A serving scenario's figures ({@code scenario} offline, server, concurrency), one value per fork (its one
     * measurement iteration): the latency of its measured requests (server: from each request's due time, queueing
     * included; for a rate search, those of the highest step within the SLA, else of its first step), their count,
     * the offered rate (server), the rate served in requests and in samples per second, the mean wait before a call
     * started, the mean batch of the calls, whether the step was stable and in how many windows, the SLA, the highest
     * rate found within it (a search that found one), the highest rate the load generator itself offers with a call
     * that returns at once, and the 99th percentile of the generator's own delay per call.
     */
    public static final String LOAD_P50_MS = PREFIX + "load.p50_ms";
    public static final String LOAD_P90_MS = PREFIX + "load.p90_ms";
    public static final String LOAD_P99_MS = PREFIX + "load.p99_ms";
    /** The 95% order-statistic bounds of {@link #LOAD_P99_MS}. */
    public static final String LOAD_P99_LOW_MS = PREFIX + "load.p99_low_ms";
    public static final String LOAD_P99_HIGH_MS = PREFIX + "load.p99_high_ms";
    public static final String LOAD_REQUESTS = PREFIX + "load.requests";
    public static final String LOAD_OFFERED_PER_S = PREFIX + "load.offered_per_s";
    public static final String LOAD_ACHIEVED_PER_S = PREFIX + "load.achieved_per_s";
    public static final String LOAD_SAMPLES_PER_S = PREFIX + "load.samples_per_s";
    public static final String LOAD_QUEUEING_MS = PREFIX + "load.queueing_ms";
    /** The p99 of the calls alone (latency less queueing): whether a tail is the model's or the queue's. */
    public static final String LOAD_SERVICE_P99_MS = PREFIX + "load.service_p99_ms";
    public static final String LOAD_MEAN_BATCH = PREFIX + "load.mean_batch";
    /** 1 when stable, 0 when the step reached its cap of windows first. */
    public static final String LOAD_STABLE = PREFIX + "load.stable";
    public static final String LOAD_WINDOWS = PREFIX + "load.windows";
    public static final String LOAD_SLA_MS = PREFIX + "load.sla_ms";
    public static final String LOAD_MAX_RATE_PER_S = PREFIX + "load.max_rate_per_s";
    public static final String LOAD_GENERATOR_MAX_PER_S = PREFIX + "load.generator_max_per_s";
    public static final String LOAD_LATE_P99_MS = PREFIX + "load.late_p99_ms";
    /** The steps a rate search ran. */
    public static final String LOAD_STEPS = PREFIX + "load.steps";

    /** Step {@code n} (1-based) of a rate search: its figure {@code name} ({@link #STEP_FIGURES}). */
    public static String step(int n, String name) {
        return String.format(java.util.Locale.ROOT, "%sload.step%02d.%s", PREFIX, n, name);
    }

    /** The figures of a step: rate asked, rate served, p50, p99 and its bounds, requests, verdict, stable, batch. */
    public static final java.util.List<String> STEP_FIGURES = java.util.List.of("offered_per_s", "achieved_per_s",
            "p50_ms", "p99_ms", "p99_low_ms", "p99_high_ms", "requests", "verdict", "stable", "mean_batch");
    /** A step's verdict as a number: within the SLA, unresolved, over it. */
    public static final double VERDICT_WITHIN = 1;
    public static final double VERDICT_UNRESOLVED = 0;
    public static final double VERDICT_OVER = -1;

    /** Results merged over iterations and forks by their maximum, not their mean. */
    public static final Set<String> MAXIMA = Set.of(PEAK_RSS_MIB, HEAP_PEAK_MIB);

    private ForkMetrics() {
    }
}
