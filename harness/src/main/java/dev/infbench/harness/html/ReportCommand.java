package dev.infbench.harness.html;

import dev.infbench.harness.HarnessException;
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

    @Parameters(paramLabel = "RUN_DIR", description = "Run folder holding journal.jsonl.")
    private Path runDir;

    @Option(names = "--sla-ms", paramLabel = "MS", defaultValue = "50",
            description = "Latency budget for the within-SLA pick (p99, ms; default ${DEFAULT-VALUE}).")
    private double slaMs;

    @Override
    public Integer call() {
        try {
            RunReport.Written w = RunReport.write(runDir, slaMs);
            w.files().forEach(f -> spec.commandLine().getOut().println("wrote " + f));
            w.notes().forEach(n -> spec.commandLine().getErr().println("harness: note: " + n));
            return 0;
        } catch (HarnessException e) {
            spec.commandLine().getErr().println("harness: " + e.getMessage());
            return 2;
        }
    }
}
