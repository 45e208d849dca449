package dev.infbench.harness.cli;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.CellStatus;
import dev.infbench.format.Json;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.RunFolders;
import dev.infbench.harness.TestCells;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HarnessCliTest {

    @TempDir
    Path runDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeJournal() throws IOException {
        String measured = Json.line(TestCells.measured(1, params("batch", "4"), TestCells
                .jmhFixture("sample-time.json"))
                .entry());
        String pruned = Json.line(TestCells.unmeasured(2, params("batch", "64"), CellStatus.PRUNED, "too big").entry());
        Files.writeString(runDir.resolve(RunLayout.JOURNAL), measured + "\n" + pruned + "\n");
    }

    private int run(String... args) {
        return HarnessCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void summaryPrintsTheTable() {
        assertThat(run("summary", runDir.toString())).isZero();

        assertThat(out.toString()).contains("PRUNED [1]", "[1] too big", "19.7");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void csvWritesResultsCsvInTheRunFolderByDefault() {
        assertThat(run("csv", runDir.toString())).isZero();

        assertThat(runDir.resolve(RunLayout.RESULTS_CSV)).content().startsWith("index,key,batch,status,");
        assertThat(out.toString()).contains("wrote", "(2 cells)");
    }

    @Test
    void csvWritesWhereOutSays() {
        Path elsewhere = runDir.resolve("sweep.csv");

        assertThat(run("csv", runDir.toString(), "--out", elsewhere.toString())).isZero();

        assertThat(elsewhere).exists();
        assertThat(runDir.resolve(RunLayout.RESULTS_CSV)).doesNotExist();
    }

    @Test
    void aMissingRunFolderIsOneLineOnStderrAndExitTwo() {
        Path missing = runDir.resolve("nope");

        assertThat(run("summary", missing.toString())).isEqualTo(HarnessCli.EXIT_BAD_INPUT);

        assertThat(err.toString()).isEqualTo("harness: " + missing + ": no such run folder or JMH JSON file"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMalformedJournalIsOneLineNamingTheLine() throws IOException {
        Files.writeString(runDir.resolve(RunLayout.JOURNAL), "{\"schema\":1,\n{}\n");

        assertThat(run("csv", runDir.toString())).isEqualTo(HarnessCli.EXIT_BAD_INPUT);

        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("harness: " + runDir.resolve(RunLayout.JOURNAL) + " line 1: ");
    }

    @Test
    void aTornLastLineIsAWarningNotAFailure() throws IOException {
        Files.writeString(runDir.resolve(RunLayout.JOURNAL), "{\"schema\":1,\"ind", StandardOpenOption.APPEND);

        assertThat(run("summary", runDir.toString())).isZero();

        assertThat(err.toString()).startsWith("harness: warning: ").contains("line 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary", "csv", "markdown", "best", "wide-csv", "report", "compare", "merge"})
    void aTornLastLineIsReportedByEveryCommandThatReadsTheJournal(String command, @TempDir Path other)
            throws IOException {
        Path peer = other.resolve("peer");
        Files.createDirectories(peer);
        Files.copy(runDir.resolve(RunLayout.JOURNAL), peer.resolve(RunLayout.JOURNAL));
        for (Path dir : List.of(runDir, peer)) {
            RunFolders.writeEnv(dir, "h-1", dir.getFileName().toString(), "Test CPU", List.of(),
                    Map.of("onnxruntime", "1.23.2"));
        }
        Files.writeString(runDir.resolve(RunLayout.JOURNAL), "{\"schema\":1,\"ind", StandardOpenOption.APPEND);
        String[] args = switch (command) {
            case "compare" -> new String[] {command, peer.toString(), runDir.toString()};
            case "merge" -> new String[] {command, peer.toString(), runDir.toString(), "--out",
                    other.resolve("merged").toString()};
            default -> new String[] {command, runDir.toString()};
        };

        assertThat(run(args)).as(out + "\n" + err).isZero();

        // Said once, naming the file and the line, whichever stream the command reports on.
        assertThat((out.toString() + err.toString()).lines()
                .filter(l -> l.contains(runDir.resolve(RunLayout.JOURNAL) + " line 3: dropped an incomplete last line")))
                .hasSize(1);
        if (command.equals("report")) {
            assertThat(runDir.resolve(RunLayout.REPORT_HTML)).content().contains("Run folder warnings")
                    .contains("line 3: dropped an incomplete last line");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary", "csv", "markdown", "wide-csv", "report"})
    void aCutJmhJsonFileIsOneLineNamingWhereItEndsAndExitTwo(String command) throws IOException {
        String whole = TestCells.jmhFixture("sample-time.json").toPrettyString();
        Path cut = runDir.resolve("cut.json");
        Files.writeString(cut, "[" + whole.substring(0, whole.length() / 2));

        String[] args = command.equals("wide-csv")
                ? new String[] {command, cut.toString(), "--out", runDir.resolve("wide.csv").toString()}
                : new String[] {command, cut.toString()};

        assertThat(run(args)).isEqualTo(HarnessCli.EXIT_BAD_INPUT);

        assertThat(err.toString().lines()).as(err.toString()).singleElement().asString()
                .startsWith("harness: " + cut + " line ").contains("Unexpected end-of-input");
    }

    @Test
    void aMissingArgumentIsOneLineAndExitTwo() {
        assertThat(run("summary")).isEqualTo(HarnessCli.EXIT_BAD_INPUT);

        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("harness: ").contains("RUN_DIR").endsWith("(see --help)");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("summary", "csv");
    }

    @Test
    void subcommandHelpDescribesItsOptions() {
        assertThat(run("csv", "--help")).isZero();

        assertThat(out.toString()).contains("RUN_DIR", "--out");
    }
}
