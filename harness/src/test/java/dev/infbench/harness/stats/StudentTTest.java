package dev.infbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {

    @Test
    void criticalValuesMatchTheTables() {
        // Two-sided 95%: the t table's first rows, and the normal limit.
        assertThat(StudentT.critical(0.95, 1)).isCloseTo(12.706205, within(1e-5));
        assertThat(StudentT.critical(0.95, 2)).isCloseTo(4.302653, within(1e-5));
        assertThat(StudentT.critical(0.95, 4)).isCloseTo(2.776445, within(1e-5));
        assertThat(StudentT.critical(0.95, 10)).isCloseTo(2.228139, within(1e-5));
        assertThat(StudentT.critical(0.95, 1e7)).isCloseTo(1.959964, within(1e-5));
        // JMH's 99.9% at a few thousand calls.
        assertThat(StudentT.critical(0.999, 5)).isCloseTo(6.868827, within(1e-5));
        assertThat(StudentT.critical(0.999, 1000)).isCloseTo(3.300283, within(1e-5));
    }

    @Test
    void theDistributionFunctionIsSymmetricAndInvertsItsQuantiles() {
        assertThat(StudentT.cdf(0, 3)).isEqualTo(0.5);
        assertThat(StudentT.cdf(1.5, 3) + StudentT.cdf(-1.5, 3)).isCloseTo(1, within(1e-12));
        for (double df : new double[] {1, 2.5, 7, 30, 500}) {
            for (double p : new double[] {0.6, 0.9, 0.975, 0.9995}) {
                assertThat(StudentT.cdf(StudentT.quantile(p, df), df)).isCloseTo(p, within(1e-10));
            }
        }
    }
}
