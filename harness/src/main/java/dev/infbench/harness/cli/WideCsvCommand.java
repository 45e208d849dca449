package dev.infbench.harness.cli;

import dev.infbench.format.Journal;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.read.Cells;
import dev.infbench.harness.report.csv.WideCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wide-csv PATH [--out FILE]}: one CSV row per configuration with batch sizes across the columns
 * ({@link WideCsv}); by default {@code RUN_DIR/results-wide.csv}, while a JMH JSON file needs {@code --out}.
 */
@Command(name = "wide-csv", description = "Write one CSV row per configuration, batch sizes across the columns "
        + "(default RUN_DIR/" + WideCsv.FILE_NAME + ").")
public final class WideCsvCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(paramLabel = "PATH", description = "Run folder holding journal.jsonl, or a JMH JSON result file.")
    private Path path;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write the CSV.")
    private Path out;

    @Override
    public Integer call() {
        Path file = out;
        if (file == null) {
            if (!Files.isDirectory(path)) {
                throw new HarnessException(path + ": not a run folder; give --out FILE for a JMH JSON file");
            }
            file = path.resolve(WideCsv.FILE_NAME);
        }
        Journal journal = Cells.read(path);
        journal.warnings().forEach(warning -> spec.commandLine().getErr().println("harness: warning: " + warning));
        WideCsv.write(journal.latest(), file);
        spec.commandLine().getOut().println("wrote " + file + " (" + journal.latest().size() + " cells)");
        return 0;
    }
}
