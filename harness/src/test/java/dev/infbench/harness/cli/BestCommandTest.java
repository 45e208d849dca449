package dev.infbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.RunLayout;
import dev.infbench.harness.RunFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The best command, run through the harness command line. */
class BestCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void writesBestMdWhereAskedAndPrintsIt() throws IOException {
        Path file = dir.resolve(RunLayout.BEST_MD);

        int status = execute(RunFolders.sweepRun(dir, "run").toString(), "--sla-ms", "20", "--memory-cap-mb", "512",
                "--out", file.toString());

        assertThat(status).isZero();
        assertThat(out.toString()).isEqualTo(Files.readString(file)).contains("- SLA: p99 ≤ 20.0 ms")
                .contains("no memory figures in this run; cap not applied");
    }

    @Test
    void aMissingRunFolderIsOneLineAndExit2() {
        int status = execute(dir.resolve("nothing").toString(), "--out", dir.resolve("x.md").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("harness: " + dir.resolve("nothing") + ": no such run folder"
                + System.lineSeparator());
    }

    @Test
    void aNonPositiveSlaIsRefused() {
        int status = execute(RunFolders.sweepRun(dir, "run").toString(), "--sla-ms", "0",
                "--out", dir.resolve("x.md").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("harness: --sla-ms must be a positive number of ms");
    }

    /** Through the harness's own command line, as a user runs it. */
    private int execute(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "best";
        System.arraycopy(args, 0, all, 1, args.length);
        return HarnessCli.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
