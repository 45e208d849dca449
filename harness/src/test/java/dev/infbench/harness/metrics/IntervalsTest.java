package dev.infbench.harness.metrics;

import static dev.infbench.harness.TestCells.jmhFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.infbench.harness.TestCells;
import dev.infbench.harness.stats.Interval;
import org.junit.jupiter.api.Test;

/** Percentile intervals and the stability verdict of a cell, as CellMetrics exposes them. */
class IntervalsTest {

    @Test
    void sampleTimeCellHasIntervalsAroundItsP50AndP99() {
        CellMetrics m = CellMetrics.fromJmh(jmhFixture("sample-time.json"), 4);

        // 2018 samples: p50 ranks 964..1055, p99 ranks 1989..2008; the coarse buckets put each in one bucket.
        assertThat(m.p50Interval()).isEqualTo(new Interval(19.661, 19.661));
        assertThat(m.p99Interval()).isEqualTo(new Interval(31.457, 31.457));
        assertThat(m.p50Interval().contains(m.p50Ms())).isTrue();
    }

    @Test
    void intervalsFollowTheTailRule() {
        CellMetrics m = CellMetrics.fromJmh(TestCells.sampleTime(999, 10, 9, 12, 30), 1);

        assertThat(m.p50Interval()).isEqualTo(new Interval(9, 9));
        assertThat(m.p99Interval()).as("p99 needs 1000 samples").isNull();
    }

    @Test
    void otherModesHaveNoLatencyIntervals() {
        CellMetrics m = CellMetrics.fromJmh(jmhFixture("throughput.json"), 8);

        assertThat(m.p50Interval()).isNull();
        assertThat(m.p99Interval()).isNull();
    }

    @Test
    void histogramValuesAreConvertedToMilliseconds() {
        var jmh = (com.fasterxml.jackson.databind.node.ObjectNode) TestCells.sampleTime(100, 2000, 2000, 2000, 2000);
        ((com.fasterxml.jackson.databind.node.ObjectNode) jmh.path("primaryMetric")).put("scoreUnit", "us/op");

        assertThat(CellMetrics.fromJmh(jmh, 1).p50Interval()).isEqualTo(new Interval(2.0, 2.0));
    }

    @Test
    void stabilityComesFromIterationMeansOfBothForks() {
        CellMetrics m = CellMetrics.fromJmh(jmhFixture("sample-time.json"), 4);

        assertThat(m.stability().iterations()).isEqualTo(4);
        assertThat(m.stability().forks()).isEqualTo(2);
        assertThat(m.stability().cv()).isCloseTo(0.000710, within(1e-6));
        assertThat(m.stability().forkSpread()).isCloseTo(0.000225, within(1e-6));
        assertThat(m.stability().verdict()).isEqualTo("stable");
    }

    @Test
    void stabilityOfOtherModesComesFromIterationScores() {
        CellMetrics m = CellMetrics.fromJmh(jmhFixture("throughput.json"), 8);

        assertThat(m.stability().iterations()).isEqualTo(6);
        assertThat(m.stability().forks()).isEqualTo(2);
        assertThat(m.stability().stable()).isNotNull();
    }
}
