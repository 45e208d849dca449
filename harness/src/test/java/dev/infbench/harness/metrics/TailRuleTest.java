package dev.infbench.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.harness.TestCells;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A percentile is reported only when at least ten samples lie beyond it. */
class TailRuleTest {

    @ParameterizedTest(name = "q={0}: n={1} -> {2}")
    @CsvSource({
        "0.5,   19,    false", "0.5,   20,    true",
        "0.9,   99,    false", "0.9,   100,   true",
        "0.99,  999,   false", "0.99,  1000,  true",
        "0.999, 9999,  false", "0.999, 10000, true",
    })
    void percentileIsReportableFromTenSamplesBeyondIt(double quantile, long samples, boolean reportable) {
        assertThat(CellMetrics.tailReportable(quantile, samples)).isEqualTo(reportable);
    }

    @ParameterizedTest(name = "q={0} needs n >= {1}")
    @CsvSource({"0.5, 20", "0.9, 100", "0.99, 1000", "0.999, 10000"})
    void minSamplesIsTheBoundary(double quantile, long minSamples) {
        assertThat(CellMetrics.minSamples(quantile)).isEqualTo(minSamples);
    }

    @ParameterizedTest(name = "n={0}: p99 available {1}")
    @CsvSource({"999, false", "1000, true"})
    void p99OfASampleTimeCellFollowsTheRule(long samples, boolean available) {
        CellMetrics m = CellMetrics.fromJmh(TestCells.sampleTime(samples, 10, 9, 12, 30), 1);

        assertThat(m.percentile(0.99).jmhMs()).as("JMH's value is always kept").isEqualTo(30.0);
        assertThat(m.percentile(0.99).available()).isEqualTo(available);
        assertThat(m.p99Ms()).isEqualTo(available ? 30.0 : null);
    }
}
