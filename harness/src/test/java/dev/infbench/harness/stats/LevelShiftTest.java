package dev.infbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LevelShiftTest {

    @Test
    void aForkThatJumpsToAnotherLevelPartWayIsFoundWithWhereAndHowFar() {
        // The ResNet-50 fork of the issue: 43, 43, 126, 144 ms; the other fork held still.
        List<LevelShift> shifts = LevelShift.find(List.of(List.of(41.0, 45.0, 43.0, 44.0),
                List.of(43.0, 43.0, 126.0, 144.0)));

        assertThat(shifts).hasSize(1);
        LevelShift shift = shifts.get(0);
        assertThat(shift.fork()).isEqualTo(2);
        assertThat(shift.after()).isEqualTo(2);
        assertThat(shift.ratio()).isCloseTo(135.0 / 43.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(shift.describe()).isEqualTo("fork 2: ×3.14 after iteration 2");
    }

    @Test
    void aForkThatGetsFasterPartWayIsAShiftToo() {
        assertThat(LevelShift.find(List.of(List.of(20.0, 19.6, 10.0, 10.2, 10.1))))
                .singleElement().satisfies(s -> {
                    assertThat(s.after()).isEqualTo(2);
                    assertThat(s.ratio()).isLessThan(1);
                });
    }

    @Test
    void oneSlowIterationIsAnOutlierNotAShift() {
        // A first iteration still finishing its JIT compilation, a last one with a long GC.
        assertThat(LevelShift.find(List.of(List.of(20.0, 10.0, 10.2, 10.1), List.of(10.0, 10.2, 10.1, 20.0))))
                .isEmpty();
    }

    @Test
    void ordinaryNoiseOverlappingLevelsSmallStepsAndTwoIterationsAreNotShifts() {
        assertThat(LevelShift.find(List.of(
                List.of(10.1, 10.3, 10.2, 10.4),          // steps of a few percent
                List.of(10.0, 12.0, 10.5, 12.5),          // big swings, but the levels overlap
                List.of(10.0, 20.0),                      // two iterations: a shift cannot be told from noise
                List.of(10.0, 10.0, 10.9, 10.9),          // apart, but only 9%: under the minimum shift
                List.of(10.0, 10.0, 30.0),                // three iterations: one side would be one iteration
                List.of()))).isEmpty();
    }

    @Test
    void nonFiniteMeansAreSkippedAndIterationsKeepTheirNumbers() {
        assertThat(LevelShift.find(List.of(List.of(10.0, Double.NaN, 10.0, 30.0, 31.0))))
                .singleElement().satisfies(s -> assertThat(s.after()).isEqualTo(3));
    }
}
