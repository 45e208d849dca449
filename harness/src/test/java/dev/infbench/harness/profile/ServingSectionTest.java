package dev.infbench.harness.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.CellStatus;
import dev.infbench.format.ForkMetrics;
import dev.infbench.format.Json;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.report.table.PlainTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Serving cells read from their load figures, judged against the SLA by their bounds, and compared as they pair. */
class ServingSectionTest {
    private static final double SLA = 50;

    /** A serving cell: each figure given per fork (name → one value per fork), JMH's score meaningless. */
    private static Cell cell(int index, Map<String, String> params, Map<String, double[]> figures) {
        int forks = figures.values().iterator().next().length;
        ObjectNode jmh = Json.MAPPER.createObjectNode();
        jmh.put("mode", "ss").put("threads", 1);
        ObjectNode primary = jmh.putObject("primaryMetric");
        primary.put("score", 93.0).put("scoreUnit", "s/op");
        var raw = primary.putArray("rawData");
        ObjectNode secondary = jmh.putObject("secondaryMetrics");
        for (int f = 0; f < forks; f++) {
            raw.addArray().add(90 + f);
        }
        figures.forEach((name, values) -> {
            var data = secondary.putObject(name).putArray("rawData");
            for (double v : values) {
                data.addArray().add(v);
            }
        });
        Cell c = TestCells.measured(index, params, jmh);
        List<Integer> rounds = IntStream.rangeClosed(1, forks).boxed().toList();
        return Cell.of(c.entry().ofForks(CellStatus.OK, null, "2026-12-03T14:00:12Z", 120.0, null, jmh, rounds,
                null));
    }

    private static Map<String, double[]> figures(double[] p99, double[] low, double[] high, double[] served,
            double[] stable) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(ForkMetrics.LOAD_P50_MS, new double[] {20, 22, 21}.length == p99.length ? new double[] {20, 22, 21}
                : java.util.Arrays.copyOf(new double[] {20, 22, 21, 20}, p99.length));
        m.put(ForkMetrics.LOAD_P99_MS, p99);
        m.put(ForkMetrics.LOAD_P99_LOW_MS, low);
        m.put(ForkMetrics.LOAD_P99_HIGH_MS, high);
        m.put(ForkMetrics.LOAD_REQUESTS, filled(p99.length, 1200));
        m.put(ForkMetrics.LOAD_SAMPLES_PER_S, served);
        m.put(ForkMetrics.LOAD_STABLE, stable);
        m.put(ForkMetrics.LOAD_SLA_MS, filled(p99.length, SLA));
        return m;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static Map<String, String> server(String rate, String batch, String delay) {
        return TestCells.params("model", "m", "batch", batch, "threads", "2", "scenario", "server", "rate", rate,
                "max_delay_ms", delay, "callers", "1", "sessions", "1");
    }

    @Test
    void aServingCellsFiguresAreItsLoadsNotTheInvocationsLength() {
        Cell c = cell(1, server("40", "1", "0"), figures(new double[] {45, 48, 47}, new double[] {40, 44, 43},
                new double[] {49, 49.5, 49}, new double[] {39, 40, 38}, new double[] {1, 1, 1}));
        CellMetrics m = c.metrics().orElseThrow();
        assertThat(m.p50Ms()).isEqualTo(21);
        assertThat(m.p99Ms()).isEqualTo(47);
        assertThat(m.throughputPerS()).isEqualTo(39);
        assertThat(m.meanMs()).isNull();
        assertThat(m.percentilesAreIterationScores()).isFalse();
        assertThat(m.samples()).isEqualTo(3600);
        assertThat(m.forkValues(Figure.P99)).containsExactly(45, 48, 47);
        assertThat(m.forkValues(Figure.THROUGHPUT)).containsExactly(39, 40, 38);
        assertThat(ServingSection.verdict(m.load().orElseThrow(), SLA)).isEqualTo(ServingSection.Verdict.MEETS);
    }

    @Test
    void theSlaVerdictNeedsEveryForksBoundAndAStableStep() {
        var straddles = cell(1, server("40", "1", "0"), figures(new double[] {45, 52, 47}, new double[] {40, 44, 43},
                new double[] {49, 58, 49}, new double[] {39, 40, 38}, new double[] {1, 1, 1}));
        var over = cell(2, server("60", "1", "0"), figures(new double[] {80, 90, 85}, new double[] {70, 75, 72},
                new double[] {95, 99, 97}, new double[] {50, 51, 50}, new double[] {0, 0, 0}));
        var unsettled = cell(3, server("30", "1", "0"), figures(new double[] {30, 31, 32}, new double[] {25, 26, 27},
                new double[] {35, 36, 37}, new double[] {30, 30, 30}, new double[] {1, 0, 1}));
        assertThat(ServingSection.verdict(ServingSection.load(straddles), SLA))
                .isEqualTo(ServingSection.Verdict.UNRESOLVED);
        assertThat(ServingSection.verdict(ServingSection.load(over), SLA)).isEqualTo(ServingSection.Verdict.MISSES);
        assertThat(ServingSection.verdict(ServingSection.load(unsettled), SLA))
                .isEqualTo(ServingSection.Verdict.UNRESOLVED);
    }

    @Test
    void batchingIsComparedAtTheSameOfferedRateAndTheBestWithinTheSlaNamed() {
        Cell none = cell(1, server("40", "1", "0"), figures(new double[] {900, 950, 990}, new double[] {800, 850, 900},
                new double[] {1000, 1100, 1200}, new double[] {30, 31, 30}, new double[] {0, 0, 0}));
        Cell two = cell(2, server("40", "2", "0"), figures(new double[] {45, 46, 47}, new double[] {40, 41, 42},
                new double[] {48, 49, 49}, new double[] {40, 40, 39}, new double[] {1, 1, 1}));
        Cell four = cell(3, server("40", "4", "0"), figures(new double[] {40, 41, 42}, new double[] {35, 36, 37},
                new double[] {44, 45, 46}, new double[] {40, 41, 40}, new double[] {1, 1, 1}));
        String text = String.join("\n", ServingSection.of(List.of(none, two, four), SLA).orElseThrow().after());
        assertThat(text).contains("Dynamic batching at 40 requests/s offered: no batching p50 21.0 ms, p99 950"
                + " (850-1100) ms, 30.0 served/s, mean batch -: misses the SLA")
                .contains("max_batch 2 max_delay 0 ms p50 21.0 ms, p99 46.0 (41.0-49.0) ms, 40.0 served/s, mean"
                        + " batch -: meets the SLA")
                // Both serve the 40/s offered within the SLA: the lower p99 is the better.
                .contains("The best within the SLA: max_batch 4 max_delay 0 ms (#3 batch=4)");
    }

    @Test
    void batchingWhereNoneIsShownToMeetTheSlaSaysWhetherMoreForksCouldTell() {
        Cell straddles = cell(1, server("50", "1", "0"), figures(new double[] {45, 52, 47},
                new double[] {40, 44, 43}, new double[] {49, 58, 49}, new double[] {48, 48, 48},
                new double[] {1, 1, 1}));
        Cell over = cell(2, server("50", "2", "0"), figures(new double[] {80, 90, 85}, new double[] {70, 75, 72},
                new double[] {95, 99, 97}, new double[] {45, 46, 45}, new double[] {1, 1, 1}));
        String text = String.join("\n", ServingSection.of(List.of(straddles, over), SLA).orElseThrow().after());
        assertThat(text).contains("None is shown to meet the SLA at this rate (1 of 2 unresolved: more forks could"
                + " tell).");

        String overOnly = String.join("\n", ServingSection.of(List.of(over), SLA).orElseThrow().after());
        assertThat(overOnly).doesNotContain("Dynamic batching");
        Cell overToo = cell(3, server("50", "4", "0"), figures(new double[] {80, 90, 85}, new double[] {70, 75, 72},
                new double[] {95, 99, 97}, new double[] {45, 46, 45}, new double[] {1, 1, 1}));
        assertThat(String.join("\n", ServingSection.of(List.of(over, overToo), SLA).orElseThrow().after()))
                .contains("None meets the SLA at this rate.");
    }

    @Test
    void aSearchCellsMaxRateAndLoadFiguresReachTheCsvAndTheTable() throws Exception {
        Map<String, double[]> f = figures(new double[] {45, 48, 47}, new double[] {40, 44, 43},
                new double[] {49, 49.5, 60}, new double[] {20, 22, 21}, new double[] {1, 1, 0});
        f.put(ForkMetrics.LOAD_OFFERED_PER_S, new double[] {20, 22, 20});
        f.put(ForkMetrics.LOAD_ACHIEVED_PER_S, new double[] {20, 22, 21});
        f.put(ForkMetrics.LOAD_SERVICE_P99_MS, new double[] {30, 31, 33});
        f.put(ForkMetrics.LOAD_STEPS, new double[] {5, 6, 7});
        // Two forks of three found a rate within the SLA.
        f.put(ForkMetrics.LOAD_MAX_RATE_PER_S, new double[] {20, 22, Double.NaN});
        Cell search = cell(1, server("0", "1", "0"), f);
        Cell fixed = cell(2, server("40", "1", "0"), figures(new double[] {45, 48, 47}, new double[] {40, 44, 43},
                new double[] {49, 49.5, 49}, new double[] {39, 40, 38}, new double[] {1, 1, 1}));

        java.io.StringWriter csv = new java.io.StringWriter();
        dev.infbench.harness.report.csv.ResultsCsv.write(List.of(search, fixed), csv);
        List<String> header = List.of(csv.toString().lines().findFirst().orElseThrow().split(","));
        List<List<String>> rows = csv.toString().lines().skip(1).map(l -> List.of(l.split(",", -1))).toList();
        java.util.function.BiFunction<Integer, String, String> at = (row, name) -> rows.get(row)
                .get(rows.get(row).size() - header.size() + header.indexOf(name)); // the key column holds commas
        assertThat(at.apply(0, "offered_per_s")).isEqualTo("20");
        assertThat(at.apply(0, "served_per_s")).isEqualTo("21");
        assertThat(at.apply(0, "service_p99_ms")).isEqualTo("31");
        assertThat(at.apply(0, "stable_forks")).isEqualTo("2");
        assertThat(at.apply(0, "max_rate_per_s")).isEqualTo("21");
        assertThat(at.apply(0, "max_rate_forks")).isEqualTo("2");
        assertThat(at.apply(0, "sla_ms")).isEqualTo("50");
        // A fixed rate searched nothing: no max rate, and no count of forks that found one.
        assertThat(at.apply(1, "max_rate_per_s")).isEmpty();
        assertThat(at.apply(1, "max_rate_forks")).isEmpty();

        PlainTable t = ServingSection.of(List.of(search, fixed), SLA).orElseThrow();
        assertThat(t.headers()).contains("calls alone p99 ms");
        assertThat(t.rows().get(0)).contains("31.0", "21.0 (20.0, 22.0, none)");
    }

    @Test
    void manySessionsAreComparedWithOneSessionOfAsManyThreadsByPairedRatio() {
        Map<String, String> oneSession = TestCells.params("model", "m", "batch", "1", "threads", "2", "scenario",
                "concurrency", "rate", "0", "max_delay_ms", "0", "callers", "2", "sessions", "1");
        Map<String, String> twoSessions = new LinkedHashMap<>(oneSession);
        twoSessions.put("threads", "1");
        twoSessions.put("sessions", "2");
        double[] served = {50, 40, 60, 45};
        Cell one = cell(1, oneSession, figures(filled(4, 30), filled(4, 28), filled(4, 32), served, filled(4, 1)));
        Cell two = cell(2, twoSessions, figures(filled(4, 30), filled(4, 28), filled(4, 32),
                new double[] {60, 48, 72, 54}, filled(4, 1)));
        String text = String.join("\n", ServingSection.of(List.of(one, two), SLA).orElseThrow().after());
        // Every round ×1.2, however the machine's speed moved from round to round: the pairing sees it exactly.
        assertThat(text).contains("2 sessions × 1 threads against 1 session × 2 threads: throughput ×1.20 (95% ×1.20"
                + " to ×1.20, 4 rounds paired): more sessions serve more");
    }

    @Test
    void aCellOfAnOlderRunWithoutTheServingParametersIsTheCellWithTheirDefaults() {
        Cell old = TestCells.measured(1, TestCells.params("model", "m", "batch", "1"), TestCells.sampleTime(2000,
                10, 9, 12, 20));
        assertThat(old.identity()).containsEntry("scenario", "single").containsEntry("rate", "0")
                .containsEntry("max_delay_ms", "0").containsEntry("callers", "1").containsEntry("sessions", "1");
        assertThat(ServingSection.of(List.of(old), SLA)).isEmpty();
    }
}
