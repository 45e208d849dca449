package dev.infbench.harness.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.harness.RunFolders;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-call samples are not independent: a busy stretch of a shared machine slows thousands of calls at once. A change
 * counts only when it also stands out between measurement iterations, the run's own noise unit.
 */
class IterationNoiseTest {
    private static final Map<String, String> PARAMS = Map.of("precision", "int8", "batch", "1");

    private static Cell cell(double... forkCentres) {
        return TestCells.measured(1, PARAMS, RunFolders.sampleTime(forkCentres));
    }

    @Test
    void aShiftWithinTheIterationToIterationSpreadIsUnresolvedThoughEveryCallSaysOtherwise() {
        // 4 forks x 2 iterations each; the candidate is about 5.5% slower but its iterations interleave the baseline's.
        CellComparison c = RunComparator.compareCell(PARAMS, cell(10.0, 10.8, 9.6, 10.4), cell(10.5, 11.2, 10.1, 11.0),
                CompareSettings.defaults());
        assertThat(c.pValue()).isLessThan(1e-6);
        assertThat(c.p50Ratio()).isGreaterThan(1.05);
        // Not a regression; nor "unchanged": the median moved beyond the minimum effect, the iterations cannot tell.
        assertThat(c.verdict()).isEqualTo(Verdict.UNRESOLVED);
    }

    @Test
    void aShiftBeyondEveryIterationIsARegression() {
        CellComparison c = RunComparator.compareCell(PARAMS, cell(10.0, 10.05, 10.02, 10.04),
                cell(11.0, 11.1, 11.05, 11.08), CompareSettings.defaults());
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void tooFewIterationsToReachTheIterationLevelLeaveTheDecisionToTheOtherTests() {
        assertThat(RunComparator.canReach(RunComparator.ITERATION_ALPHA, 4, 4)).isFalse();
        assertThat(RunComparator.canReach(RunComparator.ITERATION_ALPHA, 6, 6)).isTrue();
        assertThat(RunComparator.canReach(RunComparator.ITERATION_ALPHA, 8, 8)).isTrue();
    }
}
