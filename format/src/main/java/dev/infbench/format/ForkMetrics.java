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
    /** Results merged over iterations and forks by their maximum, not their mean. */
    public static final Set<String> MAXIMA = Set.of(PEAK_RSS_MIB, HEAP_PEAK_MIB);

    private ForkMetrics() {
    }
}
