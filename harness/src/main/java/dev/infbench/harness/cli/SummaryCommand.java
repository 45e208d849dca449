package dev.infbench.harness.cli;

import dev.infbench.format.RunLayout;
import dev.infbench.harness.report.table.SummaryTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code summary RUN_DIR}: the results table on stdout (a JMH JSON file works too). */
@Command(name = "summary", description = "Print a table of the run's cells from RUN_DIR/" + RunLayout.JOURNAL + ".")
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    private Common common;

    @Parameters(paramLabel = "RUN_DIR", description = "Run folder holding " + RunLayout.JOURNAL + ".")
    private Path path;

    @Override
    public Integer call() {
        common.out().print(SummaryTable.render(common.read(path).cells()));
        return 0;
    }
}
