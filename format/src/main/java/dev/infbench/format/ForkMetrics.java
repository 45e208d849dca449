package dev.infbench.format;

import java.util.Set;

/**
 * The secondary results the suite's JMH profiler adds to every fork's JMH result (under {@code secondaryMetrics},
 * one value per measurement iteration in {@code rawData}): the names both the fork that writes them and the harness
 * that reads them use. Each is a running maximum, so a cell's figure is the largest value over its iterations and
 * forks.
 */
public final class ForkMetrics {
    /** JMH's prefix for profiler results. */
    private static final String PREFIX = "\u00b7infbench.";
    /** The fork's peak resident memory so far (VmHWM of {@code /proc/self/status}), MiB; Linux only. */
    public static final String PEAK_RSS_MIB = PREFIX + "peak_rss_mib";
    /** The JVM heap's peak use so far (the heap pools' peak usage added up), MiB. */
    public static final String HEAP_PEAK_MIB = PREFIX + "heap_peak_mib";
    /** Results merged over iterations and forks by their maximum, not their mean. */
    public static final Set<String> MAXIMA = Set.of(PEAK_RSS_MIB, HEAP_PEAK_MIB);

    private ForkMetrics() {
    }
}
