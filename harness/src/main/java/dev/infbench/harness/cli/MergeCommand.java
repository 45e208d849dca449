package dev.infbench.harness.cli;

import dev.infbench.harness.HarnessException;
import dev.infbench.harness.merge.MergeReport;
import dev.infbench.harness.merge.MergedCsv;
import dev.infbench.harness.merge.MergedRuns;
import dev.infbench.harness.merge.RunMerger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code merge RUN_DIR... [--out FILE] [--sla-ms MS]}: runs from several machines as one CSV (one row per run and
 * cell) and each machine's picks side by side. Exit status 0, or 2 for bad input (one line on stderr).
 */
@Command(name = "merge", description = {
        "Merge run folders from several machines into one CSV (one row per run and cell, with host, CPU, GPU and"
                + " hardware key) and print each machine's picks per model side by side, as in best.md: lowest"
                + " p99 at batch 1, highest throughput, highest throughput within the SLA."})
public final class MergeCommand implements Callable<Integer> {

    /** Exit status for bad input, as the rest of the harness uses. */
    public static final int EXIT_BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders (journal.jsonl and env.json).")
    private List<Path> runDirs;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = MergedCsv.FILE_NAME,
            description = "Where to write the CSV (default: ${DEFAULT-VALUE} in the working directory).")
    private Path out;

    @Option(names = "--sla-ms", paramLabel = "MS", defaultValue = "50",
            description = "Latency budget (p99, ms) of the within-SLA pick (default: ${DEFAULT-VALUE}).")
    private double slaMs;

    @Override
    public Integer call() {
        try {
            if (!(slaMs > 0) || Double.isInfinite(slaMs)) {
                throw new HarnessException("--sla-ms must be a positive number of milliseconds, was " + slaMs);
            }
            MergedRuns merged = RunMerger.merge(runDirs, slaMs);
            merged.warnings().forEach(w -> spec.commandLine().getErr().println("harness: warning: " + w));
            MergedCsv.write(merged, out);
            spec.commandLine().getOut().print(MergeReport.render(merged));
            spec.commandLine().getOut().println("wrote " + out + " (" + merged.rows().size() + " rows from "
                    + runDirs.size() + (runDirs.size() == 1 ? " run)" : " runs)"));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (dev.infbench.format.FormatException e) {
            String message = e.getMessage() == null ? "error" : e.getMessage().lines().findFirst().orElse("error");
            spec.commandLine().getErr().println("harness: " + message);
            return EXIT_BAD_INPUT;
        }
    }
}
