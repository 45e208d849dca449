package dev.infbench.harness.cli;

import dev.infbench.format.EnvFile;
import dev.infbench.format.Journal;
import dev.infbench.format.JournalReader;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.pick.BestMarkdown;
import dev.infbench.harness.pick.BestPicks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code best RUN_DIR [--sla-ms 50] [--memory-cap-mb N] [--out FILE]}: the configurations to use on the run's
 * machine, written to {@code RUN_DIR/best.md} (or FILE) and printed.
 */
@Command(name = "best",
        description = "Pick the best configuration per model for online serving, batch serving and a latency SLA; "
                + "write RUN_DIR/best.md and print it.")
public final class BestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(paramLabel = "RUN_DIR", description = "Run folder holding journal.jsonl and env.json.")
    private Path runDir;

    @Option(names = "--sla-ms", paramLabel = "MS", defaultValue = "50",
            description = "Latency SLA in ms for the p99 (default ${DEFAULT-VALUE}).")
    private double slaMs;

    @Option(names = "--memory-cap-mb", paramLabel = "N", description = "Memory cap in MiB (applied only where "
            + "cells carry memory figures).")
    private Long memoryCapMb;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write (default RUN_DIR/best.md).")
    private Path out;

    @Override
    public Integer call() {
        if (!(slaMs > 0) || !Double.isFinite(slaMs)) {
            throw new HarnessException("--sla-ms must be a positive number of ms, was " + slaMs);
        }
        if (memoryCapMb != null && memoryCapMb <= 0) {
            throw new HarnessException("--memory-cap-mb must be positive, was " + memoryCapMb);
        }
        Journal journal = JournalReader.readRun(runDir);
        journal.warnings().forEach(warning -> spec.commandLine().getErr().println("harness: warning: " + warning));
        String hardwareKey = EnvFile.read(runDir).hardwareKey();
        if (hardwareKey == null) {
            throw new HarnessException(runDir.resolve(RunLayout.ENV) + ": no keys.hardware");
        }
        BestPicks picks = BestPicks.of(journal.latest(), hardwareKey, slaMs,
                memoryCapMb == null ? null : memoryCapMb * 1024 * 1024);
        String markdown = BestMarkdown.render(picks);
        Path file = out != null ? out : runDir.resolve(BestMarkdown.FILE_NAME);
        try {
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
