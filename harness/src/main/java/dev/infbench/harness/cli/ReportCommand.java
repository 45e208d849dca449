package dev.infbench.harness.cli;

import dev.infbench.format.RunLayout;
import dev.infbench.harness.report.html.RunReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code report RUN_DIR}: the HTML report with its charts, best.md, summary.md and both CSVs. */
@Command(name = "report", description = "Write RUN_DIR/" + RunLayout.REPORT_HTML
        + " (self-contained, charts embedded), charts/*.png, "
        + RunLayout.BEST_MD + ", " + RunLayout.SUMMARY_MD + ", " + RunLayout.RESULTS_CSV + " and "
                + RunLayout.RESULTS_WIDE_CSV + ".")
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    private Common common;

    @Mixin
    private PathArgument argument;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Where to write (default: the run folder; for a JSON file, FILE-report next to it).")
    private Path out;

    @Mixin
    private SlaOption sla;

    @Override
    public Integer call() {
        Path runDir = argument.path();
        Path target = out != null ? out : java.nio.file.Files.isDirectory(runDir) ? runDir
                : runDir.resolveSibling(runDir.getFileName().toString().replaceFirst("\\.json$", "") + "-report");
        // -Dinfbench.report.repeat=N writes the report N times in this JVM, timing each: the first is a cold
        // start, the later ones what a warmed-up JVM takes (scripts/report-scale-check.sh shows both).
        int repeat = Math.max(1, Integer.getInteger("infbench.report.repeat", 1));
        RunReport.Written w = null;
        for (int round = 1; round <= repeat; round++) {
            long start = System.nanoTime();
            w = RunReport.write(runDir, target, sla.ms());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round == repeat) {
                w.files().forEach(f -> common.out().println("wrote " + f));
            }
            common.out().printf(java.util.Locale.ROOT, "report of %s written in %.2f s%s%n",
                    runDir, seconds, repeat > 1 ? " (round " + round + " of " + repeat + ")" : "");
        }
        w.warnings().forEach(n -> common.err().println("harness: warning: " + n));
        w.notes().forEach(n -> common.err().println("harness: note: " + n));
        return 0;
    }
}
