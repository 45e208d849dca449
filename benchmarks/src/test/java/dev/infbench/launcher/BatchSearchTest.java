package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.backend.Capability;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.config.Sweep;
import dev.infbench.format.CellStatus;
import dev.infbench.format.ForkMetrics;
import dev.infbench.format.JournalEntry;
import dev.infbench.format.RunManifest;
import dev.infbench.harness.TestCells;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The batch search's order and its stops: each judged on the fork the issue names, and nothing else. */
class BatchSearchTest {
    /** Batches 1, 2, 4 of threads 1 and 2: six cells, indices 1..6 in the sweep's order. */
    private static List<Plan.Cell> cells() throws Exception {
        Map<Parameter, List<String>> p = new EnumMap<>(Parameter.class);
        p.put(Parameter.BATCH, List.of("1", "2", "4"));
        p.put(Parameter.THREADS, List.of("1", "2"));
        List<Plan.Cell> cells = new ArrayList<>();
        for (CellConfig c : Sweep.defaults().with(p).expand()) {
            cells.add(new Plan.Cell(cells.size() + 1, Launcher.DEFAULT_BENCHMARK, c, Capability.yes()));
        }
        return cells;
    }

    private static Plan.Cell find(List<Plan.Cell> cells, int batch, int threads) {
        return cells.stream().filter(c -> c.config().batch() == batch && c.config().threads() == threads)
                .findFirst().orElseThrow();
    }

    /** One measured fork: {@code calls} calls at {@code ms} each, spread ±10%, and {@code rssMib} peak memory. */
    private static JournalEntry fork(Plan.Cell c, int round, double ms, long calls, double rssMib) {
        double[] iterations = new double[10];
        for (int i = 0; i < iterations.length; i++) {
            iterations[i] = ms * (0.9 + 0.02 * i);
        }
        return fork(c, round, (int) (calls / 10), iterations, rssMib);
    }

    /** One measured fork whose iteration i holds {@code callsPerIteration} calls at {@code iterationMs[i]}. */
    private static JournalEntry fork(Plan.Cell c, int round, int callsPerIteration, double[] iterationMs,
                                     double rssMib) {
        ObjectNode jmh = (ObjectNode) TestCells.rounds(callsPerIteration, iterationMs);
        ArrayNode rss = jmh.putObject("secondaryMetrics").putObject(ForkMetrics.PEAK_RSS_MIB).putArray("rawData");
        rss.addArray().add(rssMib);
        return JournalEntry.fork(c.index(), c.key(), round, c.config().params(), CellStatus.OK, null, "t", "t", 5)
                .withJmh(jmh);
    }

    private static JournalEntry failed(Plan.Cell c, String reason) {
        return JournalEntry.fork(c.index(), c.key(), 1, c.config().params(), CellStatus.FAILED, reason, "t", "t", 5);
    }

    @Test
    void eachConfigurationRunsItsBatchesInAscendingOrderAtThePlacesTheShuffleGaveIt() throws Exception {
        List<Plan.Cell> cells = cells();
        BatchSearch search = new BatchSearch(new RunManifest.BatchSearch(4, 1000.0, null), cells);
        List<Plan.Cell> shuffled = List.of(find(cells, 4, 1), find(cells, 2, 2), find(cells, 1, 1),
                find(cells, 4, 2), find(cells, 2, 1), find(cells, 1, 2));
        List<Plan.Cell> order = search.ascending(shuffled);
        assertThat(order).containsExactly(find(cells, 1, 1), find(cells, 1, 2), find(cells, 2, 1),
                find(cells, 2, 2), find(cells, 4, 1), find(cells, 4, 2));
        assertThat(search.larger(find(cells, 1, 2))).containsExactly(find(cells, 2, 2), find(cells, 4, 2));
    }

    @Test
    void memoryIsJudgedOnTheFirstServingForkNotOnTheFirstForkThatRanTheAccuracyGate() throws Exception {
        List<Plan.Cell> cells = cells();
        Plan.Cell c = find(cells, 2, 1);
        BatchSearch search = new BatchSearch(new RunManifest.BatchSearch(4, 700.0, null), cells);
        JournalEntry gate = fork(c, 1, 10, 200, 1100); // the accuracy gate's second session
        assertThat(search.stop(c, List.of(gate), 2)).isEmpty();
        assertThat(search.stop(c, List.of(gate, fork(c, 2, 10, 200, 650)), 2)).isEmpty();
        assertThat(search.stop(c, List.of(gate, fork(c, 2, 10, 200, 720)), 2)).hasValueSatisfying(why ->
                assertThat(why).startsWith("the batch search stopped at batch 2 (cell #" + c.index() + "): its peak"
                        + " resident memory 720 MiB is over --max-memory 700 MiB in its first serving fork"));
        // With one round there is no serving fork: the only fork is judged, and the reason says what it held.
        assertThat(search.stop(c, List.of(gate), 1)).hasValueSatisfying(why ->
                assertThat(why).contains("in its only fork, which also ran the accuracy gate"));
    }

    @Test
    void latencyStopsOnlyWhenTheFirstForksP99IntervalIsOverTheSla() throws Exception {
        List<Plan.Cell> cells = cells();
        Plan.Cell c = find(cells, 4, 2);
        BatchSearch search = new BatchSearch(new RunManifest.BatchSearch(4, null, 50.0), cells);
        // Calls from 54 to 63.9 ms: the p99 and its interval are over 50 ms.
        assertThat(search.stop(c, List.of(fork(c, 1, 60, 2000, 600)), 2))
                .hasValueSatisfying(why -> assertThat(why).contains("its p99").contains("is over --sla-ms 50"));
        // 985 calls at 40 ms, 15 at 60 ms: the p99 is 60 ms, over 50, but its interval reaches down to 40 ms: a few
        // slow calls of one fork do not stop the search.
        double[] iterations = new double[200];
        java.util.Arrays.fill(iterations, 40);
        iterations[50] = 60;
        iterations[120] = 60;
        iterations[180] = 60;
        JournalEntry tail = fork(c, 1, 5, iterations, 600);
        assertThat(dev.infbench.harness.metrics.Cell.of(tail).metrics().orElseThrow().p99Ms()).isEqualTo(60);
        assertThat(search.stop(c, List.of(tail), 2)).isEmpty();
        // Too few calls for a p99: stopped only when the p50 is over.
        assertThat(search.stop(c, List.of(fork(c, 1, 70, 100, 600)), 2))
                .hasValueSatisfying(why -> assertThat(why).contains("its p50").contains("too few calls for a p99"));
        assertThat(search.stop(c, List.of(fork(c, 1, 40, 100, 600)), 2)).isEmpty();
    }

    @Test
    void aFailedForkStopsTheSearchAndSaysWhetherItRanOutOfMemory() throws Exception {
        List<Plan.Cell> cells = cells();
        Plan.Cell c = find(cells, 4, 1);
        BatchSearch search = new BatchSearch(new RunManifest.BatchSearch(4, null, null), cells);
        assertThat(search.stop(c, List.of(failed(c, "OrtException: Failed to allocate memory for requested buffer")),
                2)).hasValueSatisfying(why -> assertThat(why).contains("it ran out of memory (OrtException"));
        assertThat(search.stop(c, List.of(failed(c, "forked JVM died: exit status 139 (SIGSEGV: a native library"
                + " crashed)")), 2)).hasValueSatisfying(why -> assertThat(why).contains("it failed (forked JVM died"));
        // No budget and a measured fork: the search goes on to the largest batch.
        assertThat(search.stop(c, List.of(fork(c, 1, 500, 100, 5000)), 2)).isEmpty();
    }

    @Test
    void outOfMemoryIsReadFromTheCausesTheBackendsAndTheKernelGive() {
        assertThat(FailureCause.outOfMemory("OutOfMemoryError: Java heap space")).isTrue();
        assertThat(FailureCause.outOfMemory("forked JVM died: " + FailureCause.exitStatus(137))).isTrue();
        assertThat(FailureCause.outOfMemory("EngineException: std::bad_alloc")).isTrue();
        assertThat(FailureCause.outOfMemory("forked JVM died: " + FailureCause.exitStatus(139))).isFalse();
        assertThat(FailureCause.outOfMemory(null)).isFalse();
    }

    @Test
    void aSearchDoublesFromTheFirstBatchUpToTheCap() throws Exception {
        assertThat(LauncherArgs.searchBatches(List.of("1"), 64)).containsExactly("1", "2", "4", "8", "16", "32",
                "64");
        assertThat(LauncherArgs.searchBatches(List.of("3"), 20)).containsExactly("3", "6", "12");
    }
}
