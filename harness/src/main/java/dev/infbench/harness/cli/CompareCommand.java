package dev.infbench.harness.cli;

import dev.infbench.harness.compare.ComparisonCsv;
import dev.infbench.harness.compare.ComparisonReport;
import dev.infbench.harness.compare.RunComparator;
import dev.infbench.harness.compare.RunComparison;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compare BASELINE CANDIDATE [--csv FILE] [--alpha A] [--min-effect E] [--force]}: cell-by-cell comparison of
 * two runs on the same hardware. Exit status {@value #EXIT_REGRESSION} when some cell regressed, 0 otherwise,
 * {@value HarnessCli#EXIT_BAD_INPUT} for bad input (one line on stderr).
 */
@Command(name = "compare", description = {
        "Compare CANDIDATE with BASELINE cell by cell (cells matched by their parameters).",
        "A cell regresses when the Mann-Whitney test over per-call times is significant at --alpha AND its p50 grew"
                + " by more than --min-effect (with 2+ forks in each run, the median of fork medians too).",
        "Exit status: 1 when any cell regressed, 0 otherwise, 2 for bad input or different hardware."})
public final class CompareCommand implements Callable<Integer> {

    /** Exit status when at least one cell regressed. */
    public static final int EXIT_REGRESSION = 1;

    @Mixin
    private Common common;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "Baseline run folder.")
    private Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "Candidate run folder.")
    private Path candidate;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the comparison as CSV to FILE.")
    private Path csv;

    @Mixin
    private CompareOptions judging;

    @Option(names = "--force", description = "Compare even when the hardware keys differ or cannot be checked.")
    private boolean force;

    @Override
    public Integer call() {
        RunComparison comparison = RunComparator.compare(baseline, candidate, judging.settings(force));
        common.out().print(ComparisonReport.render(comparison));
        if (csv != null) {
            ComparisonCsv.write(comparison, csv);
            common.out().println("wrote " + csv);
        }
        common.out().flush();
        return comparison.hasRegression() ? EXIT_REGRESSION : 0;
    }
}
