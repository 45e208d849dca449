package dev.infbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RatioTest {

    @Test
    void pairingCancelsAChangeOfMachineSpeedThatHitsBothCellsOfARound() {
        // Round 2 ran on a machine twice as slow: both cells doubled.
        Map<Integer, Double> a = Map.of(1, 20.0, 2, 40.0, 3, 20.4);
        Map<Integer, Double> b = Map.of(1, 10.0, 2, 20.1, 3, 10.1);

        Ratio paired = Ratio.paired(a, b);

        assertThat(paired.rounds()).isEqualTo(3);
        assertThat(paired.estimate()).isCloseTo(2.0, within(0.02));
        assertThat(paired.verdict(0.05)).isEqualTo(Ratio.Verdict.HIGHER);
        // The same values, unpaired, carry the slow round as noise of each cell.
        Ratio unpaired = Ratio.unpaired(new double[] {20, 40, 20.4}, new double[] {10, 20.1, 10.1});
        assertThat(unpaired.verdict(0.05)).isEqualTo(Ratio.Verdict.UNRESOLVED);
        assertThat(paired.interval().high() - paired.interval().low())
                .isLessThan(unpaired.interval().high() - unpaired.interval().low());
    }

    @Test
    void verdictsAreResolvedOnlyByTheInterval() {
        assertThat(new Ratio(1.01, new Interval(0.98, 1.04), 3, true).verdict(0.05)).isEqualTo(Ratio.Verdict.SAME);
        assertThat(new Ratio(1.1, new Interval(0.9, 1.3), 3, true).verdict(0.05))
                .isEqualTo(Ratio.Verdict.UNRESOLVED);
        assertThat(new Ratio(1.1, new Interval(1.02, 1.2), 3, true).verdict(0.05)).isEqualTo(Ratio.Verdict.HIGHER);
        assertThat(new Ratio(0.5, new Interval(0.45, 0.55), 3, true).verdict(0.05)).isEqualTo(Ratio.Verdict.LOWER);
        // One round: a number, but no interval, so no verdict.
        assertThat(Ratio.paired(Map.of(1, 2.0), Map.of(1, 1.0)).verdict(0.05)).isEqualTo(Ratio.Verdict.UNRESOLVED);
        assertThat(Ratio.paired(Map.of(1, 2.0), Map.of(2, 1.0))).isNull();
    }

    @Test
    void aForkStatisticIsTheMedianWithAFewForksInterval() {
        ForkStatistic two = ForkStatistic.of(new double[] {10, 11});
        ForkStatistic five = ForkStatistic.of(new double[] {10, 11, 10.5, 10.2, 10.8});

        assertThat(two.point()).isEqualTo(10.5);
        assertThat(five.point()).isEqualTo(10.5);
        // t(0.975, 1) = 12.7: two forks say little.
        assertThat(two.relativeHalfWidth()).isGreaterThan(0.25);
        assertThat(five.relativeHalfWidth()).isLessThan(0.05);
        assertThat(ForkStatistic.of(new double[] {10}).interval()).isNull();
        assertThat(ForkStatistic.of(new double[] {Double.NaN, 10, 10.2}).forks()).isEqualTo(2);
    }

    @Test
    void aNoiseFloorWidensAnIntervalThatTwoTightSidesMadeNarrow() {
        // fp32 threads=0 in two runs of the same build on a shared 2-core VM: each run's three forks stayed in one
        // regime of the machine (20-22 ms in one, 30-34 ms in the other).
        double[] later = {33.9, 32.2, 30.3};
        double[] earlier = {20.1, 21.9, 22.4};

        Ratio own = Ratio.unpaired(later, earlier, 0);
        Ratio floored = Ratio.unpaired(later, earlier, 0.3);

        assertThat(own.verdict(0.05)).isEqualTo(Ratio.Verdict.HIGHER);
        assertThat(floored.estimate()).isEqualTo(own.estimate());
        assertThat(floored.verdict(0.05)).isEqualTo(Ratio.Verdict.UNRESOLVED);
        // A floor below the cell's own spread changes nothing.
        Ratio.Spread spread = Ratio.spread(later, earlier);
        assertThat(spread.df()).isEqualTo(4);
        assertThat(Ratio.unpaired(later, earlier, spread.sd() / 2).interval()).isEqualTo(own.interval());
        assertThat(Ratio.spread(new double[] {1}, earlier)).isNull();
    }
}
