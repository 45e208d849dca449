package dev.infbench.harness.cli;

import dev.infbench.format.RunLayout;
import dev.infbench.harness.read.Cells;
import dev.infbench.harness.report.csv.ResultsCsv;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code csv RUN_DIR [--out FILE]}: one CSV row per cell. */
@Command(name = "csv", description = "Write one CSV row per cell (default RUN_DIR/" + RunLayout.RESULTS_CSV + ").")
final class CsvCommand implements Callable<Integer> {
    @Mixin
    private Common common;

    @Parameters(paramLabel = "RUN_DIR", description = "Run folder holding " + RunLayout.JOURNAL + ".")
    private Path runDir;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write the CSV.")
    private Path out;

    @Override
    public Integer call() {
        Cells cells = common.read(runDir);
        Path file = out != null ? out : runDir.resolve(RunLayout.RESULTS_CSV);
        ResultsCsv.write(cells.cells(), java.nio.file.Files.isDirectory(runDir)
                ? dev.infbench.format.MachinePeak.read(runDir, p -> common.err().println("harness: note: " + p))
                .orElse(null) : null, file);
        common.out().println("wrote " + file + " (" + cells.cells().size() + " cells)");
        return 0;
    }
}
