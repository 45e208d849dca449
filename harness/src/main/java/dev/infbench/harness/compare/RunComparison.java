package dev.infbench.harness.compare;

import dev.infbench.format.CellStatus;
import dev.infbench.format.EnvFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The outcome of comparing a candidate run with a baseline run.
 *
 * @param baseline            baseline run folder
 * @param candidate           candidate run folder
 * @param baselineEnv         baseline's environment ({@link EnvFile#unknown()} when forced without env.json)
 * @param candidateEnv        candidate's environment
 * @param settings            the settings used
 * @param warnings            tolerated problems (forced hardware mismatch, torn journal line), one line each
 * @param softwareDifferences software fields that differ, as {@link EnvFile#softwareDifferences} gives them
 * @param noiseFloor          the largest fork-to-fork spread of a compared cell, the least spread each cell's
 *                            interval over forks assumes; null when no cell ran 2 forks or more in both runs
 * @param cells               cells measured in both runs, in baseline order
 * @param onlyInBaseline      cells measured in the baseline only
 * @param onlyInCandidate     cells measured in the candidate only
 */
public record RunComparison(Path baseline, Path candidate, EnvFile baselineEnv, EnvFile candidateEnv,
        CompareSettings settings, List<String> warnings, List<String> softwareDifferences, NoiseFloor noiseFloor,
        List<CellComparison> cells,
        List<Unmatched> onlyInBaseline, List<Unmatched> onlyInCandidate) {

    public RunComparison {
        warnings = List.copyOf(warnings);
        softwareDifferences = List.copyOf(softwareDifferences);
        cells = List.copyOf(cells);
        onlyInBaseline = List.copyOf(onlyInBaseline);
        onlyInCandidate = List.copyOf(onlyInCandidate);
    }

    /**
     * A cell measured in one run only.
     *
     * @param params         its parameters
     * @param status         its status in the run that measured it
     * @param statusInOther  its status in the other run (PRUNED, FAILED), or null when the other run lacks it
     */
    public record Unmatched(Map<String, String> params, CellStatus status, CellStatus statusInOther) {
    }

    /** Cells with the given verdict. */
    public List<CellComparison> withVerdict(Verdict verdict) {
        return cells.stream().filter(cell -> cell.verdict() == verdict).toList();
    }

    /** True when some cell regressed. */
    public boolean hasRegression() {
        return cells.stream().anyMatch(cell -> cell.verdict() == Verdict.REGRESSION);
    }
}
