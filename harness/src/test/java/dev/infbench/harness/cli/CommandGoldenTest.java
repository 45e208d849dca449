package dev.infbench.harness.cli;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.CellStatus;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.GoldenFile;
import dev.infbench.harness.RunFolders;
import dev.infbench.harness.TestCells;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every harness command, run as a user runs it, on run folders the test writes: what it prints and every file it
 * writes, byte for byte against golden files (times and the test's own folder masked, chart images left out). They
 * hold the outputs still while the code behind them moves.
 */
class CommandGoldenTest {
    @TempDir
    Path dir;

    private Path sweep;
    private Path baseline;
    private Path candidate;

    @BeforeEach
    void runFolders() throws IOException {
        sweep = RunFolders.sweepRun(dir, "sweep");
        Files.delete(sweep.resolve(RunLayout.JMH)); // as before the goldens were made: not read by any command

        baseline = RunFolders.folder(dir, "baseline");
        candidate = RunFolders.folder(dir, "candidate");
        for (Path folder : List.of(baseline, candidate)) {
            boolean slower = folder.equals(candidate);
            RunFolders.writeJournal(folder, List.of(
                    TestCells.measured(1, cell("minilm", "fp32", "1"), RunFolders.sampleTime(20.0, 20.2)),
                    TestCells.measured(2, cell("minilm", "int8", "1"),
                            slower ? RunFolders.sampleTime(12.0, 12.1) : RunFolders.sampleTime(9.0, 9.1)),
                    TestCells.measured(3, cell("minilm", "fp32", "8"), RunFolders.sampleTime(120.0, 121.0)),
                    TestCells.unmeasured(4, cell("minilm", "bf16", "1"), CellStatus.PRUNED, "no CPU kernels")));
            RunFolders.writeEnv(folder, slower ? "bbbb000000000002" : "aaaa000000000001",
                    slower ? "gpu-box" : "laptop", "AMD EPYC", slower ? List.of("NVIDIA H100") : List.of(),
                    RunFolders.software("1.23.2"));
        }
    }

    private static Map<String, String> cell(String model, String precision, String batch) {
        return params("model", model, "precision", precision, "batch", batch, "threads", "0");
    }

    @Test
    void summary() {
        golden("summary.txt", out("summary", sweep.toString()));
    }

    @Test
    void markdown() {
        golden("markdown.md", out("markdown", sweep.toString()));
    }

    @Test
    void csv() throws IOException {
        golden("csv.out", out("csv", sweep.toString()));
        golden("csv.csv", Files.readString(sweep.resolve(RunLayout.RESULTS_CSV)));
    }

    @Test
    void wideCsv() throws IOException {
        golden("wide-csv.out", out("wide-csv", sweep.toString()));
        golden("wide-csv.csv", Files.readString(sweep.resolve(RunLayout.RESULTS_WIDE_CSV)));
    }

    @Test
    void best() throws IOException {
        golden("best.out", out("best", sweep.toString()));
        golden(RunLayout.BEST_MD, Files.readString(sweep.resolve(RunLayout.BEST_MD)));
    }

    @Test
    void report() throws IOException {
        golden("report.out", out("report", sweep.toString()));
        for (String file : List.of(RunLayout.SUMMARY_MD, RunLayout.BEST_MD, RunLayout.RESULTS_CSV,
                RunLayout.RESULTS_WIDE_CSV)) {
            golden("report-" + file, Files.readString(sweep.resolve(file)));
        }
        // The charts are JFreeChart's PNG bytes: left out, their place kept.
        String html = Files.readString(sweep.resolve(RunLayout.REPORT_HTML))
                .replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "data:image/png;base64,(chart)");
        golden(RunLayout.REPORT_HTML, html);
    }

    @Test
    void compare() throws IOException {
        Path csv = dir.resolve("comparison.csv");
        golden("compare.out", out("compare", baseline.toString(), candidate.toString(), "--force", "--csv",
                csv.toString()));
        golden("compare.csv", Files.readString(csv));
    }

    @Test
    void merge() throws IOException {
        Path csv = dir.resolve("merged.csv");
        golden("merge.out", out("merge", baseline.toString(), candidate.toString(), "--out", csv.toString()));
        golden("merge.csv", Files.readString(csv));
    }

    /** What the command printed, stdout then stderr, with the status, times and this test's folder masked. */
    private String out(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = HarnessCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return ("status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err)
                .replace(dir.toString(), "<DIR>")
                .replaceAll("in \\d+(\\.\\d+)? (s|ms)\\b", "in <TIME>");
    }

    private void golden(String name, String actual) {
        String masked = actual.replace(dir.toString(), "<DIR>");
        assertThat(masked).isEqualTo(GoldenFile.read("commands/" + name, masked));
    }
}
