package dev.infbench.harness.cli;

import dev.infbench.format.RunLayout;
import dev.infbench.harness.merge.MergeReport;
import dev.infbench.harness.merge.MergedCsv;
import dev.infbench.harness.merge.MergedRuns;
import dev.infbench.harness.merge.RunMerger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code merge RUN_DIR... [--out FILE] [--sla-ms MS]}: runs from several machines as one CSV (one row per run and
 * cell) and each machine's picks side by side. Exit status 0, or 2 for bad input (one line on stderr).
 */
@Command(name = "merge", description = {
        "Merge run folders from several machines into one CSV (one row per run and cell, with host, CPU, GPU and"
                + " hardware key) and print each machine's picks per model side by side, as in " + RunLayout.BEST_MD
                        + ": lowest"
                + " p99 at batch 1, highest throughput, highest throughput within the SLA."})
public final class MergeCommand implements Callable<Integer> {


    @Mixin
    private Common common;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders (" + RunLayout.JOURNAL + " and "
            + RunLayout.ENV + ").")
    private List<Path> runDirs;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = MergedCsv.FILE_NAME,
            description = "Where to write the CSV (default: ${DEFAULT-VALUE} in the working directory).")
    private Path out;

    @Mixin
    private SlaOption sla;

    @Override
    public Integer call() {
        double slaMs = sla.ms();
        MergedRuns merged = RunMerger.merge(runDirs, slaMs);
        merged.warnings().forEach(w -> common.err().println("harness: warning: " + w));
        MergedCsv.write(merged, out);
        common.out().print(MergeReport.render(merged));
        common.out().println("wrote " + out + " (" + merged.rows().size() + " rows from "
                + runDirs.size() + (runDirs.size() == 1 ? " run)" : " runs)"));
        common.out().flush();
        return 0;
    }
}
