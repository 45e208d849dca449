package dev.infbench.harness.cli;

import dev.infbench.harness.HarnessException;
import dev.infbench.harness.read.Cells;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every harness command has (a picocli mixin): {@code --help}, its output streams, and reading the cells of a
 * path with the journal's warnings printed. Bad input is a {@link HarnessException} (or a format one), which
 * {@link HarnessCli} prints as one line with exit status {@value HarnessCli#EXIT_BAD_INPUT}.
 */
final class Common {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The cells of a run folder or a JMH JSON file, the journal's warnings printed. */
    Cells read(Path path) {
        return warned(Cells.read(path));
    }

    /** The cells of a run folder, the journal's warnings printed. */
    Cells readRun(Path runDir) {
        return warned(Cells.run(runDir));
    }

    private Cells warned(Cells cells) {
        cells.warnings().forEach(warning -> err().println("harness: warning: " + warning));
        return cells;
    }
}
