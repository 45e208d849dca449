package dev.infbench.harness.cli;

import static dev.infbench.harness.TestCells.jmhFixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.Json;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.GoldenFile;
import dev.infbench.harness.SweepFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The markdown and wide-csv subcommands, run as the harness's command line runs them. */
class ReportCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void markdownPrintsTheTableOfARunFolder() throws IOException {
        Path run = runFolder();

        int status = execute("markdown", run.toString());

        assertThat(status).isZero();
        assertThat(out.toString()).isEqualTo(GoldenFile.read(RunLayout.SUMMARY_MD));
    }

    @Test
    void markdownReadsAJmhJsonFile() throws IOException {
        Path file = dir.resolve("result.json");
        Files.writeString(file, Json.MAPPER.createArrayNode().add(jmhFixture("sample-time.json")).toString());

        int status = execute("markdown", file.toString());

        assertThat(status).isZero();
        assertThat(out.toString()).contains("| 1 | OK | 19.7 | 21.2 | 31.5 | 200 | 2018 |");
    }

    @Test
    void wideCsvWritesIntoTheRunFolderByDefault() throws IOException {
        Path run = runFolder();

        int status = execute("wide-csv", run.toString());

        assertThat(status).isZero();
        assertThat(Files.readString(run.resolve(RunLayout.RESULTS_WIDE_CSV))).isEqualTo(GoldenFile
                .read(RunLayout.RESULTS_WIDE_CSV));
        assertThat(out.toString()).startsWith("wrote " + run.resolve(RunLayout.RESULTS_WIDE_CSV) + " (7 cells)");
    }

    @Test
    void wideCsvOfAJmhJsonFileNeedsAnOutputFile() throws IOException {
        Path file = dir.resolve("result.json");
        Files.writeString(file, "[]");

        int status = execute("wide-csv", file.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(
                "harness: " + file + ": not a run folder; give --out FILE for a JMH JSON file" + System
                        .lineSeparator());
    }

    private Path runFolder() throws IOException {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.writeString(run.resolve(RunLayout.JOURNAL), SweepFixture.cells().stream().map(c -> Json.line(c.entry()))
                .collect(Collectors.joining("\n", "", "\n")));
        return run;
    }

    /** Runs {@code command} with the error handling HarnessCli gives its subcommands. */
    /** Through the harness's own command line, as a user runs it. */
    private int execute(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return HarnessCli.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
