package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.RunLayout;
import dev.infbench.harness.cli.HarnessCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed reference run stays readable: the one test that reads {@code results/reference}, so regenerating it
 * never breaks a unit test, while the harness keeps reading the schema it was written in.
 */
class ReferenceRunIT {
    private static final Path REFERENCE = Path.of("..", "results", "reference");

    @Test
    void theHarnessReadsTheCommittedReferenceRunAndReportsIt(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("reference");
        try (Stream<Path> files = Files.walk(REFERENCE)) {
            for (Path f : files.toList()) {
                Path target = run.resolve(REFERENCE.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = HarnessCli.run(new String[] {"report", run.toString()}, new PrintWriter(out),
                new PrintWriter(err));

        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(err.toString()).doesNotContain("warning");
        // One journal line per fork since rounds (schema 3), one per cell before: count cells, not lines.
        long cells = dev.infbench.format.JournalReader.readRun(REFERENCE).cells().size();
        assertThat(Files.readAllLines(run.resolve(RunLayout.RESULTS_CSV))).hasSize((int) cells + 1);
        assertThat(Files.readString(run.resolve(RunLayout.BEST_MD))).startsWith("# Best configurations: ");
        assertThat(Files.readString(run.resolve(RunLayout.REPORT_HTML))).contains("<h2>Cells</h2>");
    }
}
