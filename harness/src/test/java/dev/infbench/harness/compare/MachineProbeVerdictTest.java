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
        return cell(PARAMS, probeMops, forkMediansMs);
    }

    private static Cell cell(Map<String, String> params, double probeMops, double... forkMediansMs) {
        Cell plain = TestCells.measured(1, params, RunFolders.sampleTime(forkMediansMs));
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

    @Test
    void aCellThatLooksTightInBothRunsIsJudgedAtTheRunsNoiseFloor() {
        // Figures of two runs of the same build on a shared 2-core VM: the fp32 cell's forks stayed in one regime of
        // the machine in each run (20-22 ms, then 30-34 ms); the int8 cell of the same runs shows both regimes.
        Map<String, String> fp32 = Map.of("model", "m", "precision", "fp32");
        Map<String, String> int8 = Map.of("model", "m", "precision", "int8");
        Map<Map<String, String>, Cell> base = Map.of(fp32, cell(fp32, 1000, 20.1, 21.9, 22.4), int8,
                cell(int8, 1000, 17.7, 8.8, 8.7));
        Map<Map<String, String>, Cell> cand = Map.of(fp32, cell(fp32, 1000, 33.9, 32.2, 30.3), int8,
                cell(int8, 1000, 12.5, 11.2, 18.3));

        NoiseFloor floor = RunComparator.noiseFloor(base, cand);

        assertThat(floor.params()).isEqualTo(int8);
        assertThat(RunComparator.compareCell(fp32, base.get(fp32), cand.get(fp32), SETTINGS).verdict())
                .as("on its own spread").isEqualTo(Verdict.REGRESSION);
        CellComparison judged = RunComparator.compareCell(fp32, base.get(fp32), cand.get(fp32), SETTINGS,
                floor.sd(), dev.infbench.harness.stats.Interval.CONFIDENCE);
        assertThat(judged.verdict()).isEqualTo(Verdict.UNRESOLVED);
        assertThat(judged.forkInterval().low()).isLessThan(1);
        assertThat(floor.resolvableRatio(3, dev.infbench.harness.stats.Interval.CONFIDENCE)).isGreaterThan(judged.forkMedianRatio());
    }

    @Test
    void aProbeThatMovedNoMoreThanItsOwnNoiseDoesNotExcuseASlowdown() {
        // The candidate's probes read lower, but they spread as widely as they moved: the 20% slowdown stands.
        Cell base = cell(1000, 10.0, 10.1, 9.9);
        Cell slow = cell(1000, 12.0, 12.1, 11.9);
        List<SpeedProbe> noisy = List.of(new SpeedProbe(2, 1000, 20, 300), new SpeedProbe(2, 600, 20, 300),
                new SpeedProbe(2, 830, 20, 300));
        Cell cand = Cell.of(slow.entry().ofForks(CellStatus.OK, null, "2026-12-02T00:00:00Z", 10, List.of(),
                slow.jmh(), List.of(1, 2, 3), noisy));

        CellComparison c = RunComparator.compareCell(PARAMS, base, cand, SETTINGS);

        assertThat(c.machineSlowdown()).isBetween(1.19, 1.21);
        assertThat(c.normalizedRatio()).isBetween(0.99, 1.01);
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void intervalsOfManyCellsComparedAtOnceHoldTogether() {
        assertThat(RunComparator.familyConfidence(1)).isEqualTo(0.95);
        assertThat(RunComparator.familyConfidence(10)).isCloseTo(0.995, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(RunComparator.familyConfidence(0)).isEqualTo(0.95);
    }
}
