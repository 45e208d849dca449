package dev.infbench.harness.cli;

import dev.infbench.format.EnvFile;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.pick.BestMarkdown;
import dev.infbench.harness.pick.BestPicks;
import dev.infbench.harness.read.Cells;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code best RUN_DIR [--sla-ms 50] [--max-memory MIB] [--out FILE]}: the configurations to use on the run's
 * machine, written to {@code RUN_DIR/best.md} (or FILE) and printed.
 */
@Command(name = "best",
        description = "Pick the best configuration per model for online serving, batch serving and a latency SLA; "
                + "write RUN_DIR/" + RunLayout.BEST_MD + " and print it.")
public final class BestCommand implements Callable<Integer> {

    @Mixin
    private Common common;

    @Parameters(paramLabel = "RUN_DIR", description = "Run folder holding " + RunLayout.JOURNAL + " and "
            + RunLayout.ENV + ".")
    private Path runDir;

    @Mixin
    private SlaOption sla;

    @Option(names = {"--max-memory", "--memory-cap-mb"}, paramLabel = "MIB", description = "Peak resident memory"
            + " cap in MiB: adds the pick 'within the memory cap', the highest throughput among cells whose forks"
            + " stayed within it (cells without a memory figure are named and left out).")
    private Long memoryCapMb;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write (default RUN_DIR/"
            + RunLayout.BEST_MD + ").")
    private Path out;

    @Override
    public Integer call() {
        double slaMs = sla.ms();
        if (memoryCapMb != null && memoryCapMb <= 0) {
            throw new HarnessException("--max-memory must be positive, was " + memoryCapMb);
        }
        Cells journal = common.readRun(runDir);
        String hardwareKey = EnvFile.read(runDir).hardwareKey();
        if (hardwareKey == null) {
            throw new HarnessException(runDir.resolve(RunLayout.ENV) + ": no keys.hardware");
        }
        BestPicks picks = BestPicks.of(journal.cells(), hardwareKey, slaMs,
                memoryCapMb == null ? null : memoryCapMb * 1024 * 1024);
        String markdown = BestMarkdown.render(picks);
        Path file = out != null ? out : runDir.resolve(RunLayout.BEST_MD);
        try {
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
        common.out().print(markdown);
        common.out().flush();
        return 0;
    }
}
