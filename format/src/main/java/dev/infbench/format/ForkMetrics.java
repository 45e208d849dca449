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
    /** Results merged over iterations and forks by their maximum, not their mean. */
    public static final Set<String> MAXIMA = Set.of(PEAK_RSS_MIB, HEAP_PEAK_MIB);

    private ForkMetrics() {
    }
}
