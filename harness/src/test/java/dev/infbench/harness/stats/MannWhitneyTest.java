package dev.infbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.infbench.harness.RunFolders;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    private static LatencyHistogram values(double... values) {
        List<LatencyHistogram.Bin> bins = new ArrayList<>();
        for (double value : values) {
            bins.add(new LatencyHistogram.Bin(value, 1));
        }
        return LatencyHistogram.of(bins);
    }

    @Test
    void identicalHistogramsAreNotSignificant() {
        LatencyHistogram a = RunFolders.bell(10.0, 4000);
        LatencyHistogram b = RunFolders.bell(10.0, 4000);

        MannWhitney.Result result = MannWhitney.test(a, b);

        assertThat(result.pValue()).isEqualTo(1.0);
        assertThat(result.significant(0.001)).isFalse();
        assertThat(result.n1()).isEqualTo(a.count());
    }

    @Test
    void aTenPercentShiftWithThousandsOfCallsIsSignificant() {
        LatencyHistogram base = RunFolders.bell(10.0, 4000);
        LatencyHistogram slower = RunFolders.bell(11.0, 4000);

        MannWhitney.Result result = MannWhitney.test(slower, base);

        assertThat(result.significant(0.001)).isTrue();
        assertThat(result.pValue()).isLessThan(1e-12);
        assertThat(result.z()).as("first sample slower").isPositive();
        assertThat(MannWhitney.test(base, slower).z()).isNegative();
    }

    @Test
    void aSmallShiftWithFewCallsIsNotSignificant() {
        MannWhitney.Result result = MannWhitney.test(RunFolders.bell(10.1, 40), RunFolders.bell(10.0, 40));

        assertThat(result.significant(0.001)).isFalse();
    }

    @Test
    void matchesScipyWithTiesAndContinuityCorrection() {
        // scipy.stats.mannwhitneyu(a, b, method='asymptotic', use_continuity=True): U = 8.5, p = 0.025550438063623223
        MannWhitney.Result result = MannWhitney.test(values(1, 1, 2, 2, 2, 3, 5), values(2, 3, 3, 4, 4, 6, 7, 7));

        assertThat(result.u()).isEqualTo(8.5);
        assertThat(result.pValue()).isCloseTo(0.025550438063623223, within(1e-6));
    }

    @Test
    void matchesScipyWithoutTies() {
        // scipy: U = 0, p = 0.08085559837005224
        MannWhitney.Result result = MannWhitney.test(values(1, 2, 3), values(4, 5, 6));

        assertThat(result.u()).isZero();
        assertThat(result.pValue()).isCloseTo(0.08085559837005224, within(1e-6));
    }

    @Test
    void countsWeighLikeRepeatedValues() {
        LatencyHistogram weighted = LatencyHistogram.of(List.of(new LatencyHistogram.Bin(1, 2),
                new LatencyHistogram.Bin(2, 3), new LatencyHistogram.Bin(3, 1), new LatencyHistogram.Bin(5, 1)));

        MannWhitney.Result result = MannWhitney.test(weighted, values(2, 3, 3, 4, 4, 6, 7, 7));

        assertThat(result.u()).isEqualTo(8.5);
        assertThat(result.pValue()).isCloseTo(0.025550438063623223, within(1e-6));
    }

    @Test
    void everyValueTiedOrAnEmptySideGivesPOne() {
        assertThat(MannWhitney.test(values(5, 5, 5), values(5, 5)).pValue()).isEqualTo(1.0);
        assertThat(MannWhitney.test(values(), values(1, 2)).pValue()).isEqualTo(1.0);
    }

    @Test
    void erfcIsAccurateEnoughForSmallPValues() {
        assertThat(MannWhitney.erfc(0)).isCloseTo(1.0, within(1e-7));
        assertThat(MannWhitney.erfc(1)).isCloseTo(0.157299207050285, within(1e-7));
        assertThat(MannWhitney.erfc(3) / 2.209049699858544e-05).isCloseTo(1.0, within(1e-6));
        assertThat(MannWhitney.erfc(-1)).isCloseTo(1.842700792949715, within(1e-7));
    }

    @Test
    void medianIsTheMiddleCall() {
        assertThat(values(1, 2, 3).medianMs()).isEqualTo(2);
        assertThat(RunFolders.bell(10.0, 2000).medianMs()).isEqualTo(10.0);
        assertThat(values().medianMs()).isNaN();
    }
}
