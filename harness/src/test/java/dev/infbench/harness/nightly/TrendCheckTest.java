package dev.infbench.harness.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendCheckTest {

    @Test
    void fewerNightsThanTheMinimumCannotJudge() {
        assertThat(TrendCheck.z(List.of(10.0, 10.2, 9.9, 10.1), 15)).isNull();
        assertThat(TrendCheck.z(List.of(10.0, 10.2, 9.9, 10.1, 10.0), 15)).isNotNull();
    }

    @Test
    void theScoreIsTheDistanceFromTheMedianInMedianAbsoluteDeviations() {
        // Median 10, absolute deviations 0, 0.2, 0.2, 0.4, 0.4 -> MAD 0.2, spread 0.2965.
        Double z = TrendCheck.z(List.of(10.0, 10.2, 9.8, 10.4, 9.6), 11.0);
        assertThat(z).isCloseTo(1.0 / (1.4826 * 0.2), within(1e-9));
        assertThat(TrendCheck.slower(z, false)).isTrue();
        assertThat(TrendCheck.slower(TrendCheck.z(List.of(10.0, 10.2, 9.8, 10.4, 9.6), 10.5), false)).isFalse();
        // Throughput: lower is slower.
        assertThat(TrendCheck.slower(TrendCheck.z(List.of(100.0, 102.0, 98.0, 104.0, 96.0), 90), true)).isTrue();
    }

    @Test
    void identicalNightsStillAllowOnePercentOfWobble() {
        List<Double> same = Collections.nCopies(8, 20.0);
        assertThat(TrendCheck.z(same, 20.4)).isCloseTo(2.0, within(1e-9));
        assertThat(TrendCheck.slower(TrendCheck.z(same, 20.4), false)).isFalse();
        assertThat(TrendCheck.slower(TrendCheck.z(same, 22), false)).isTrue();
    }

    @Test
    void aSustainedShiftNeedsEachRecentNightBeyondEveryEarlierOneAndTheMinimumEffect() {
        List<Double> before = List.of(10.0, 10.2, 9.8, 10.4, 9.6, 10.1);
        assertThat(TrendCheck.sustained(before, List.of(10.6, 10.7, 10.8), 0.05, false))
                .isCloseTo(10.7 / 10.05, within(1e-9));
        assertThat(TrendCheck.sustained(before, List.of(10.3, 10.7, 10.8), 0.05, false)).as("10.3 is within")
                .isNull();
        assertThat(TrendCheck.sustained(before, List.of(10.45, 10.5, 10.5), 0.05, false)).as("4.5% only")
                .isNull();
        assertThat(TrendCheck.sustained(before.subList(0, 4), List.of(11.0, 11.0, 11.0), 0.05, false))
                .as("too few nights before").isNull();
        // Throughput: lower is slower.
        assertThat(TrendCheck.sustained(List.of(100.0, 102.0, 98.0, 101.0, 99.0), List.of(90.0, 91.0, 92.0), 0.05,
                true)).isCloseTo(91.0 / 100.0, within(1e-9));
    }

    @Test
    void onlyTheLastTenNightsCount() {
        List<Double> nights = new ArrayList<>(Collections.nCopies(20, 50.0));
        nights.addAll(List.of(10.0, 10.2, 9.8, 10.4, 9.6, 10.0, 10.2, 9.8, 10.4, 9.6));
        assertThat(TrendCheck.z(nights, 10.0)).isCloseTo(0, within(1e-9));
    }
}
