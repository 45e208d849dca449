package dev.infbench.harness.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.CellStatus;
import dev.infbench.format.SpeedProbe;
import dev.infbench.harness.RunFolders;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two runs of one cell: the forks and the machine-speed probe decide what a slowdown means. */
class MachineProbeVerdictTest {
    private static final Map<String, String> PARAMS = Map.of("model", "m", "batch", "1");
    private static final CompareSettings SETTINGS = CompareSettings.defaults();

    /** A cell whose forks ran in rounds with these medians, each fork's probe at {@code probeMops}. */
    private static Cell cell(double probeMops, double... forkMediansMs) {
        Cell plain = TestCells.measured(1, PARAMS, RunFolders.sampleTime(forkMediansMs));
        List<Integer> rounds = java.util.stream.IntStream.rangeClosed(1, forkMediansMs.length).boxed().toList();
        List<SpeedProbe> probes = Arrays.stream(forkMediansMs).mapToObj(m -> new SpeedProbe(2, probeMops, 20, 300))
                .toList();
        return Cell.of(plain.entry().ofForks(CellStatus.OK, null, "2026-12-02T00:00:00Z", 10, List.of(),
                plain.jmh(), rounds, probes));
    }

    @Test
    void aSlowdownWhileTheProbeHeldStillIsARegression() {
        CellComparison c = RunComparator.compareCell(PARAMS, cell(1000, 10.0, 10.1, 9.9), cell(1000, 12.0, 12.1, 11.9),
                SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.machineSlowdown()).isEqualTo(1.0);
        assertThat(c.forkInterval().low()).isGreaterThan(1.1);
    }

    @Test
    void aSlowdownTheProbeSharesIsTheMachineNotTheCode() {
        // The candidate's machine ran its probe 20% slower: the cell's 20% is the machine's.
        CellComparison c = RunComparator.compareCell(PARAMS, cell(1000, 10.0, 10.1, 9.9), cell(833, 12.0, 12.1, 11.9),
                SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.MACHINE);
        assertThat(c.machineSlowdown()).isBetween(1.19, 1.21);
        assertThat(c.normalizedRatio()).isBetween(0.99, 1.01);
    }

    @Test
    void forksThatDisagreeLeaveASlowdownOfTheCallsUnresolved() {
        // The candidate's calls are slower overall, but its forks spread as widely as the change.
        CellComparison c = RunComparator.compareCell(PARAMS, cell(1000, 10.0, 10.1), cell(1000, 10.4, 13.5),
                SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.UNRESOLVED);
    }

    @Test
    void oneForkPerRunCannotResolveAChange() {
        CellComparison c = RunComparator.compareCell(PARAMS, cell(1000, 10.0), cell(1000, 12.0), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.UNRESOLVED);
        assertThat(c.forkInterval()).isNull();
    }
}
