package dev.infbench.harness.cli;

import dev.infbench.format.RunLayout;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.read.Cells;
import dev.infbench.harness.report.csv.WideCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wide-csv PATH [--out FILE]}: one CSV row per configuration with batch sizes across the columns
 * ({@link WideCsv}); by default {@code RUN_DIR/results-wide.csv}, while a JMH JSON file needs {@code --out}.
 */
@Command(name = "wide-csv", description = "Write one CSV row per configuration, batch sizes across the columns "
        + "(default RUN_DIR/" + RunLayout.RESULTS_WIDE_CSV + ").")
public final class WideCsvCommand implements Callable<Integer> {

    @Mixin
    private Common common;

    @Mixin
    private PathArgument argument;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write the CSV.")
    private Path out;

    @Override
    public Integer call() {
        Path path = argument.path();
        Path file = out;
        if (file == null) {
            if (!Files.isDirectory(path)) {
                throw new HarnessException(path + ": not a run folder; give --out FILE for a JMH JSON file");
            }
            file = path.resolve(RunLayout.RESULTS_WIDE_CSV);
        }
        Cells journal = common.read(path);
        WideCsv.write(journal.cells(), file);
        common.out().println("wrote " + file + " (" + journal.cells().size() + " cells)");
        return 0;
    }
}
