package dev.infbench.harness.metrics;

import static dev.infbench.harness.TestCells.jmhFixture;
import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.CellStatus;
import dev.infbench.format.Json;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.TestCells;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellMetricsTest {

    private static final double MEAN_MS = 20.011001486620312;

    @Test
    void sampleTimeGivesPerCallLatenciesFromBothForks() {
        CellMetrics m = CellMetrics.fromJmh(jmhFixture("sample-time.json"), 4);

        assertThat(m.mode()).isEqualTo("sample");
        assertThat(m.percentilesAreIterationScores()).isFalse();
        assertThat(m.forks()).isEqualTo(2);
        assertThat(m.samples()).as("sum of histogram counts").isEqualTo(504 + 503 + 506 + 505);
        assertThat(m.callers()).isEqualTo(1);
        assertThat(m.p50Ms()).isEqualTo(19.661);
        assertThat(m.p90Ms()).isEqualTo(21.234);
        assertThat(m.p99Ms()).isEqualTo(31.457);
        assertThat(m.meanMs()).isEqualTo(MEAN_MS);
        assertThat(m.throughputPerS()).isCloseTo(4 * 1000 / MEAN_MS, within(1e-9));
        assertThat(m.msPerSample()).isCloseTo(MEAN_MS / 4, within(1e-9));
    }

    @Test
    void sampleTimeWithTooFewSamplesForP999KeepsTheRawValueButDoesNotReportIt() {
        CellMetrics m = CellMetrics.fromJmh(jmhFixture("sample-time.json"), 4);

        assertThat(m.samples()).isLessThan(10_000);
        assertThat(m.p999Ms()).isNull();
        Percentile p999 = m.percentile(0.999);
        assertThat(p999.available()).isFalse();
        assertThat(p999.jmhMs()).isEqualTo(44.00015700000046);
        assertThat(p999.label()).isEqualTo("p99.9");
    }

    @Test
    void throughputModeHasNoLatencyPercentilesAndCountsIterations() {
        CellMetrics m = CellMetrics.fromJmh(jmhFixture("throughput.json"), 8);

        assertThat(m.mode()).isEqualTo("thrpt");
        assertThat(m.percentilesAreIterationScores()).isTrue();
        assertThat(m.p50Ms()).isNull();
        assertThat(m.p99Ms()).isNull();
        assertThat(m.percentile(0.5).jmhMs()).as("iteration-score percentiles are not latencies").isNull();
        assertThat(m.meanMs()).isNull();
        assertThat(m.samples()).as("iteration scores").isEqualTo(6);
        assertThat(m.forks()).isEqualTo(2);
        assertThat(m.callers()).isEqualTo(4);
        // 0.1873 ops/ms over all 4 threads = 187.3 ops/s, 8 inputs each.
        assertThat(m.throughputPerS()).isCloseTo(187.3 * 8, within(1e-9));
        assertThat(m.msPerSample()).isCloseTo(1000 / (187.3 * 8), within(1e-12));
    }

    @Test
    void averageTimeInMicrosecondsIsConvertedAndCountsEveryCaller() {
        CellMetrics m = CellMetrics.fromJmh(jmhFixture("average-time-us.json"), 1);

        assertThat(m.meanMs()).isEqualTo(1.5);
        assertThat(m.callers()).isEqualTo(2);
        assertThat(m.throughputPerS()).isCloseTo(2 * 1000 / 1.5, within(1e-9));
        assertThat(m.samples()).isEqualTo(1);
        assertThat(m.p50Ms()).isNull();
        assertThat(m.percentilesAreIterationScores()).isTrue();
    }

    @Test
    void nonFiniteStringsAreReadAndMakeValuesUnavailable() {
        CellMetrics m = CellMetrics.fromJmh(jmhFixture("non-finite.json"), 2);

        assertThat(m.samples()).isEqualTo(120);
        assertThat(m.meanMs()).isNull();
        assertThat(m.throughputPerS()).isNull();
        assertThat(m.msPerSample()).isNull();
        // Enough samples for p50 and p90, but JMH's values are not numbers.
        assertThat(m.percentile(0.5).jmhMs()).isNaN();
        assertThat(m.percentile(0.9).jmhMs()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(m.p50Ms()).isNull();
        assertThat(m.p90Ms()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"NaN, NaN", "+INF, Infinity", "-INF, -Infinity", "1.5, 1.5"})
    void jmhNumberStringsParse(String text, Double expected) {
        // Boxed, so that NaN equals NaN.
        assertThat((Double) dev.infbench.harness.jmh.JmhNumbers.number(JsonNodeFactory.instance.textNode(text)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} score {1} = {2} ms/op")
    @CsvSource({"s/op, 0.002, 2", "ms/op, 2, 2", "us/op, 2000, 2", "ns/op, 2000000, 2"})
    void timeUnitsConvertToMilliseconds(String unit, double score, double expectedMs) {
        CellMetrics m = CellMetrics.fromJmh(result("avgt", unit, score), 1);

        assertThat(m.meanMs()).isCloseTo(expectedMs, within(1e-12));
    }

    @ParameterizedTest(name = "{0} score {1} = {2} ops/s")
    @CsvSource({"ops/s, 500, 500", "ops/ms, 0.5, 500", "ops/us, 0.0005, 500", "ops/ns, 0.0000005, 500"})
    void throughputUnitsConvertToPerSecond(String unit, double score, double expectedPerS) {
        CellMetrics m = CellMetrics.fromJmh(result("thrpt", unit, score), 1);

        assertThat(m.throughputPerS()).isCloseTo(expectedPerS, within(1e-9));
    }

    @Test
    void batchDefaultsToOneWhenTheCellHasNoBatchParameter() {
        var entry = TestCells.measured(1, params("model", "minilm"), jmhFixture("sample-time.json"));

        assertThat(entry.metrics()).hasValueSatisfying(m -> {
            assertThat(m.batch()).isEqualTo(1);
            assertThat(m.throughputPerS()).isCloseTo(1000 / MEAN_MS, within(1e-9));
        });
    }

    @Test
    void batchComesFromTheCellsParameters() {
        var entry = TestCells.measured(1, params("batch", "16"), jmhFixture("sample-time.json"));

        assertThat(entry.metrics()).hasValueSatisfying(m -> assertThat(m.batch()).isEqualTo(16));
    }

    @Test
    void aCellWithoutJmhResultHasNoMetrics() {
        var pruned = TestCells.unmeasured(1, params("batch", "4"), CellStatus.PRUNED, "unsupported");

        assertThat(pruned.metrics()).isEmpty();
    }

    @Test
    void anUnknownUnitIsAnErrorNamingTheCell() {
        assertThatThrownBy(() -> TestCells.measured(7, params("batch", "1"), result("avgt", "furlongs/op", 1)))
                .isInstanceOf(HarnessException.class)
                .hasMessage("cell 7 (batch=1): unknown JMH score unit 'furlongs/op'");
    }

    @Test
    void aModeThatContradictsItsUnitIsAnError() {
        assertThatThrownBy(() -> CellMetrics.fromJmh(result("thrpt", "ms/op", 1), 1))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("thrpt");
    }

    private static ObjectNode result(String mode, String unit, double score) {
        ObjectNode jmh = Json.MAPPER.createObjectNode();
        jmh.put("mode", mode);
        jmh.put("threads", 1);
        ObjectNode primary = jmh.putObject("primaryMetric");
        primary.put("score", score);
        primary.put("scoreUnit", unit);
        primary.putArray("rawData").addArray().add(score);
        return jmh;
    }
}
