package dev.infbench.harness.cli;

import dev.infbench.harness.report.html.RunReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report RUN_DIR}: the HTML report with its charts, best.md, summary.md and both CSVs. */
@Command(name = "report", description = "Write RUN_DIR/report.html (self-contained, charts embedded), charts/*.png, "
        + "best.md, summary.md, results.csv and results-wide.csv.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(paramLabel = "PATH", description = "Run folder holding journal.jsonl, or a JMH JSON result file.")
    private Path runDir;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Where to write (default: the run folder; for a JSON file, FILE-report next to it).")
    private Path out;

    @Option(names = "--sla-ms", paramLabel = "MS", defaultValue = "50",
            description = "Latency budget for the within-SLA pick (p99, ms; default ${DEFAULT-VALUE}).")
    private double slaMs;

    @Override
    public Integer call() {
        try {
            Path target = out != null ? out : java.nio.file.Files.isDirectory(runDir) ? runDir
                    : runDir.resolveSibling(runDir.getFileName().toString().replaceFirst("\\.json$", "") + "-report");
            // -Dinfbench.report.repeat=N writes the report N times in this JVM, timing each: the first is a cold
            // start, the later ones what a warmed-up JVM takes (scripts/report-scale-check.sh shows both).
            int repeat = Math.max(1, Integer.getInteger("infbench.report.repeat", 1));
            RunReport.Written w = null;
            for (int round = 1; round <= repeat; round++) {
                long start = System.nanoTime();
                w = RunReport.write(runDir, target, slaMs);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round == repeat) {
                    w.files().forEach(f -> spec.commandLine().getOut().println("wrote " + f));
                }
                spec.commandLine().getOut().printf(java.util.Locale.ROOT, "report of %s written in %.2f s%s%n",
                        runDir, seconds, repeat > 1 ? " (round " + round + " of " + repeat + ")" : "");
            }
            w.notes().forEach(n -> spec.commandLine().getErr().println("harness: note: " + n));
            return 0;
        } catch (dev.infbench.format.FormatException e) {
            spec.commandLine().getErr().println("harness: " + e.getMessage());
            return 2;
        }
    }
}
