package dev.infbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A cell is stable when its iteration means vary by at most 5% and its fork means spread by at most 5%. */
class StabilityTest {

    @Test
    void quietIterationsInAgreeingForksAreStable() {
        Stability s = Stability.of(List.of(List.of(10.0, 10.2), List.of(10.1, 10.1)));

        assertThat(s.cv()).isCloseTo(0.00808, within(1e-5));
        assertThat(s.forkSpread()).isCloseTo(0.0, within(1e-12));
        assertThat(s.stable()).isTrue();
        assertThat(s.verdict()).isEqualTo("stable");
    }

    @Test
    void forksThatDisagreeAreUnstableEvenWhenEachIsQuiet() {
        // The README's cell 8: one fork near 49 ms, one near 80 ms.
        Stability s = Stability.of(List.of(List.of(49.0, 49.0), List.of(80.0, 80.0)));

        assertThat(s.forkSpread()).isCloseTo(31.0 / 64.5, within(1e-12));
        assertThat(s.stable()).isFalse();
        assertThat(s.verdict()).isEqualTo("unstable: cv 0.277 > 0.05, fork spread 0.481 > 0.05");
    }

    @Test
    void noisyIterationsAreUnstable() {
        Stability s = Stability.of(List.of(List.of(10.0, 12.0, 10.0, 12.0), List.of(12.0, 10.0, 12.0, 10.0)));

        assertThat(s.forkSpread()).isZero();
        assertThat(s.stable()).isFalse();
        assertThat(s.verdict()).isEqualTo("unstable: cv 0.097 > 0.05");
    }

    @Test
    void theLimitsAreInclusive() {
        // mean 1, sample standard deviation exactly 0.05.
        Stability s = Stability.of(List.of(List.of(0.95, 1.0, 1.05), List.of(0.95, 1.0, 1.05)));

        assertThat(s.cv()).isLessThanOrEqualTo(Stability.MAX_CV);
        assertThat(s.stable()).isTrue();
    }

    @Test
    void oneForkIsJudgedOnItsIterationsAndSaysForkNoiseWasNotTested() {
        Stability s = Stability.of(List.of(List.of(10.0, 10.1, 9.9)));

        assertThat(s.forkSpread()).isNull();
        assertThat(s.stable()).isTrue();
        assertThat(s.verdict()).isEqualTo("stable; 1 fork: fork-to-fork noise untested");
    }

    @Test
    void oneIterationCannotBeJudged() {
        Stability s = Stability.of(List.of(List.of(10.0)));

        assertThat(s.cv()).isNull();
        assertThat(s.stable()).isNull();
        assertThat(s.verdict())
                .isEqualTo("1 iteration: iteration-to-iteration noise untested; 1 fork: fork-to-fork noise untested");
    }

    @Test
    void histogramIterationMeansWeighBucketsByCount() {
        SampleHistogram histogram = new SampleHistogram(List.of(List.of(
                List.of(new SampleHistogram.Bucket(1.0, 3), new SampleHistogram.Bucket(5.0, 1)),
                List.of(new SampleHistogram.Bucket(2.0, 2)))));

        assertThat(histogram.iterationMeans()).containsExactly(List.of(2.0, 2.0));
        assertThat(Stability.of(histogram.iterationMeans()).cv()).isZero();
    }
}
