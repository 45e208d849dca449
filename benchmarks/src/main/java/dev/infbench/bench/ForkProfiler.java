package dev.infbench.bench;

import dev.infbench.format.ForkMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The suite's JMH profiler, run inside every fork: after each iteration it adds the fork's figures that JMH itself
 * does not measure as secondary results of the iteration ({@link ForkMetrics}): the peak resident memory of the
 * process so far and the JVM heap's peak use. A profiler, not {@code @AuxCounters}: those do not work in SampleTime
 * mode, and a profiler's results travel in JMH's own result, merged by JMH's own rules (here: the maximum).
 *
 * <p>Both peaks are reset just before the clock starts ({@link #resetPeaks()}), so they measure the cell while it
 * serves (its session, its inputs, the JVM) and not the setup of the first fork, whose accuracy gate holds a second,
 * fp32 reference session: without the reset a first fork read 1492 MiB against 974 MiB for the same cell's later
 * fork.
 */
public final class ForkProfiler implements InternalProfiler {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    /** What {@code effective.peak_memory_from} says when the peaks were reset before the first timed call. */
    public static final String FROM_FIRST_CALL = "first timed call";
    /** ... and when the resident peak could not be reset (not Linux, or clear_refs not writable). */
    public static final String FROM_FORK_START = "fork start (VmHWM could not be reset)";

    /**
     * Resets the process's resident-memory high-water mark (writing 5 to {@code /proc/self/clear_refs}, Linux 4.0
     * and later) and the heap pools' peaks; returns what the peaks now count from.
     */
    public static String resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(CLEAR_REFS, "5");
            return FROM_FIRST_CALL;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return FROM_FORK_START;
        }
    }

    /** This fork's cold start, set by the benchmark's setup; NaN until then. */
    private static volatile double loadMs = Double.NaN;
    private static volatile double firstCallMs = Double.NaN;

    /** A serving scenario's figures, by {@code ForkMetrics} name, once its load has run; null until then. */
    private static volatile java.util.Map<String, Double> load;

    /** Records a serving scenario's figures, returned after the iteration that ran its load. */
    static void load(java.util.Map<String, Double> figures) {
        load = figures;
    }

    /** Records the fork's cold start: opening the session and its first call, ms. */
    public static void coldStart(double openMs, double firstMs) {
        loadMs = openMs;
        firstCallMs = firstMs;
    }

    @Override
    public String getDescription() {
        return "infbench: peak resident memory (VmHWM), JVM heap peak and cold start of the fork";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // The peaks are high-water marks the kernel and the JVM keep; the pipeline's stage clocks start afresh.
        Stages.reset();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        List<Result> results = new ArrayList<>();
        peakRssMib(STATUS).ifPresent(mib -> results.add(new ScalarResult(ForkMetrics.PEAK_RSS_MIB, mib, "MiB",
                AggregationPolicy.MAX)));
        results.add(new ScalarResult(ForkMetrics.HEAP_PEAK_MIB, heapPeakMib(), "MiB", AggregationPolicy.MAX));
        if (Double.isFinite(loadMs) && Double.isFinite(firstCallMs)) {
            results.add(new ScalarResult(ForkMetrics.LOAD_MS, loadMs, "ms", AggregationPolicy.AVG));
            results.add(new ScalarResult(ForkMetrics.FIRST_CALL_MS, firstCallMs, "ms", AggregationPolicy.AVG));
        }
        java.util.Map<String, Double> figures = load;
        if (figures != null) {
            load = null;
            figures.forEach((name, value) -> results.add(new ScalarResult(name, value, unit(name),
                    AggregationPolicy.AVG)));
        }
        long calls = Stages.CALLS.sum();
        if (calls > 0) {
            long[] sums = {Stages.PRE_NS.sum(), Stages.MODEL_NS.sum(), Stages.POST_NS.sum(), Stages.TOTAL_NS.sum()};
            for (int i = 0; i < sums.length; i++) {
                results.add(new ScalarResult(ForkMetrics.STAGES.get(i), sums[i] / 1e6 / calls, "ms",
                        AggregationPolicy.AVG));
            }
        }
        return results;
    }

    /** The unit of a serving figure, from its name's ending. */
    static String unit(String name) {
        return name.endsWith("_ms") ? "ms" : name.endsWith("_per_s") ? "1/s" : "";
    }

    /** VmHWM of a {@code /proc/PID/status} file in MiB; empty where the file or the line is missing. */
    static OptionalDouble peakRssMib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                    if (parts.length == 2 && parts[1].equals("kB")) {
                        return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);
                    }
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // Not Linux, or a status file in a form this reader does not know: no figure rather than a wrong one.
        }
        return OptionalDouble.empty();
    }

    /** The heap pools' peak usage added up, MiB. */
    static double heapPeakMib() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }
}
