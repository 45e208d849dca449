package dev.infbench.harness.cli;

import dev.infbench.format.RunLayout;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** {@code PATH} (a picocli mixin): what the reading commands take, a run folder or a JMH JSON result file. */
final class PathArgument {
    @Parameters(paramLabel = "PATH", description = "Run folder holding " + RunLayout.JOURNAL
            + ", or a JMH JSON result file.")
    private Path path;

    Path path() {
        return path;
    }
}
