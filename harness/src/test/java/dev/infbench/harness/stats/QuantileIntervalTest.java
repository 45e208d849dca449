package dev.infbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A quantile's 95% interval runs between two order statistics chosen from the binomial distribution. */
class QuantileIntervalTest {

    @ParameterizedTest(name = "n={0} q={1}: ranks {2}..{3}")
    @CsvSource({
        // p50 of 100: 50 ± 1.96 × 5 = 40.2..59.8 -> floor 40, ceil 60 + 1.
        "100,   0.5,  40,  61",
        // p99 of 1000: 990 ± 1.96 × √9.9 = 983.83..996.17.
        "1000,  0.99, 983, 998",
        // p50 of 20, the fewest the tail rule allows: 10 ± 4.38.
        "20,    0.5,  5,   16",
    })
    void ranksFollowTheNormalApproximationToTheBinomial(long n, double q, long lo, long hi) {
        assertThat(QuantileInterval.ranks(n, q)).containsExactly(lo, hi);
    }

    @Test
    void ranksAreClampedToTheSamples() {
        assertThat(QuantileInterval.ranks(10, 0.99)).containsExactly(9, 10);
        assertThat(QuantileInterval.ranks(10, 0.0)).containsExactly(1, 1);
    }

    @Test
    void boundsAreTheValuesOfThoseRanksInTheSortedBuckets() {
        // 100 samples 1..100 in one bucket each, spread over two forks and out of order.
        SampleHistogram histogram = new SampleHistogram(List.of(
                List.of(buckets(51, 100)), List.of(buckets(1, 50))));

        Interval p50 = QuantileInterval.of(histogram, 0.5);

        assertThat(p50).isEqualTo(new Interval(40, 61));
        assertThat(p50.contains(50)).isTrue();
    }

    @Test
    void bucketsWithManySamplesCoverManyRanks() {
        SampleHistogram histogram = new SampleHistogram(List.of(List.of(List.of(
                new SampleHistogram.Bucket(2.0, 50), new SampleHistogram.Bucket(1.0, 39),
                new SampleHistogram.Bucket(3.0, 11)))));

        // Ranks 40 and 61: the 40th sample is the first 2.0, the 61st still a 2.0.
        assertThat(QuantileInterval.of(histogram, 0.5)).isEqualTo(new Interval(2.0, 2.0));
        // p90 of 100: ranks 84..97, from the 2.0s into the 3.0s.
        assertThat(QuantileInterval.of(histogram, 0.9)).isEqualTo(new Interval(2.0, 3.0));
    }

    @Test
    void aNonFiniteBoundGivesNoInterval() {
        SampleHistogram histogram = new SampleHistogram(List.of(List.of(List.of(
                new SampleHistogram.Bucket(1.0, 90), new SampleHistogram.Bucket(Double.NaN, 10)))));

        assertThat(QuantileInterval.of(histogram, 0.9)).isNull();
    }

    @Test
    void anEmptyHistogramHasNoInterval() {
        SampleHistogram empty = new SampleHistogram(List.of(List.of(List.of())));

        assertThatThrownBy(() -> QuantileInterval.of(empty, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<SampleHistogram.Bucket> buckets(int from, int to) {
        List<SampleHistogram.Bucket> buckets = new ArrayList<>();
        for (int v = to; v >= from; v--) {
            buckets.add(new SampleHistogram.Bucket(v, 1));
        }
        return buckets;
    }
}
