package dev.infbench.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.CellStatus;
import dev.infbench.format.SpeedProbe;
import dev.infbench.harness.RunFolders;
import dev.infbench.harness.TestCells;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineProbesTest {

    /** A cell of three rounds whose forks' probes read these speeds, on {@code threads} threads. */
    private static Cell cell(int index, int threads, double... mops) {
        Cell plain = TestCells.measured(index, TestCells.params("model", "m", "threads", String.valueOf(threads)),
                RunFolders.sampleTime(10, 10, 10));
        List<SpeedProbe> probes = java.util.Arrays.stream(mops).mapToObj(m -> new SpeedProbe(threads, m, 20, 300))
                .toList();
        return Cell.of(plain.entry().ofForks(CellStatus.OK, null, "t", 1, List.of(), plain.jmh(), List.of(1, 2, 3),
                probes));
    }

    @Test
    void aRoundInWhichEveryCellsProbeDroppedIsNamed() {
        // Two cells on different thread counts: round 2 was 20% slower for both.
        List<Cell> cells = List.of(cell(1, 1, 600, 480, 610), cell(2, 2, 1200, 950, 1190));

        assertThat(MachineProbes.speedByRound(cells).get(2)).isBetween(0.78, 0.82);
        assertThat(MachineProbes.warning(cells)).hasValueSatisfying(w -> assertThat(w)
                .contains("varied by 2", "round 2 slowest"));
    }

    @Test
    void aSteadyMachineGetsNoWarning() {
        List<Cell> cells = List.of(cell(1, 1, 600, 590, 605), cell(2, 2, 1200, 1210, 1190));

        assertThat(MachineProbes.warning(cells)).isEmpty();
    }
}
