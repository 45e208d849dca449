package dev.infbench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.infbench.config.Precision;
import org.junit.jupiter.api.Test;

class OutputComparisonTest {

    @Test
    void identicalOutputsHaveCosineOneAndNoError() {
        double[][] a = {{1, 2, 3}, {-1, 0, 4}};
        OutputComparison.Figures f = OutputComparison.rows(a, a);
        assertThat(f.minCosine()).isCloseTo(1.0, within(1e-12));
        assertThat(f.maxAbsError()).isZero();
    }

    @Test
    void theWorstRowDecides() {
        double[][] ref = {{1, 0}, {0, 1}};
        double[][] got = {{1, 0}, {1, 1}};
        OutputComparison.Figures f = OutputComparison.rows(ref, got);
        assertThat(f.minCosine()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(f.maxAbsError()).isEqualTo(1.0);
    }

    @Test
    void poolingWeighsOnlyUnmaskedPositions() {
        // two positions of hidden size 2; the second is padding and must not count
        double[][] hidden = {{1, 2, 100, 100}};
        double[][] mask = {{1, 0}};
        double[][] pooled = OutputComparison.maskedMeanPool(hidden, mask, 2, 2);
        assertThat(pooled[0]).containsExactly(1.0, 2.0);
    }

    @Test
    void centringRemovesTheSharedOffsetThatMakesUnrelatedOutputsLookAlike() {
        // Both sides share a large constant; their per-sample deviations are unrelated (opposite signs).
        double[][] ref = {{100, 101}, {101, 100}};
        double[][] got = {{101, 100}, {100, 101}};
        assertThat(OutputComparison.rows(ref, got).minCosine()).isGreaterThan(0.99);
        OutputComparison.Figures centred = OutputComparison.centred(ref, got, true);
        assertThat(centred.minCosine()).isCloseTo(-1.0, within(1e-12));
        assertThat(centred.top1Agreement()).isZero();
    }

    @Test
    void topOneAgreementCountsSamplesWithTheSameClass() {
        double[][] ref = {{0, 1, 0}, {2, 0, 0}, {0, 0, 3}, {1, 0, 0}};
        double[][] got = {{0, 2, 0}, {1, 0, 0}, {0, 3, 0}, {1, 0, 0}};
        assertThat(OutputComparison.centred(ref, got, true).top1Agreement()).isEqualTo(0.75);
    }

    @Test
    void aZeroVectorAgainstANonZeroOneHasCosineZero() {
        assertThat(OutputComparison.cosine(new double[] {0, 0}, new double[] {1, 0})).isZero();
        assertThat(OutputComparison.cosine(new double[] {0, 0}, new double[] {0, 0})).isEqualTo(1.0);
    }

    @Test
    void thresholdsExistForEveryPrecisionAndTightenTowardsFp32() {
        assertThat(AccuracyThresholds.minCosine(Precision.FP32)).isGreaterThan(AccuracyThresholds.minCosine(Precision.FP16));
        assertThat(AccuracyThresholds.minCosine(Precision.FP16)).isGreaterThan(AccuracyThresholds.minCosine(Precision.INT8));
        assertThat(AccuracyThresholds.minCosine(Precision.BF16)).isGreaterThan(AccuracyThresholds.minCosine(Precision.INT8));
    }
}
