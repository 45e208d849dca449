package dev.infbench.harness.compare;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.CellStatus;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.RunFolders;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.cli.CompareCommand;
import dev.infbench.harness.cli.HarnessCli;
import dev.infbench.harness.metrics.Cell;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    private static final String MACHINE = "a06cc004aa32ff56";

    @TempDir
    Path dir;

    private Path baseline;
    private Path candidate;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void folders() {
        baseline = RunFolders.folder(dir, "base");
        candidate = RunFolders.folder(dir, "cand");
    }

    /** Through the harness's own command line, as a user runs it. */
    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        return HarnessCli.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Map<String, String> cell(String precision, String batch) {
        return params("model", "minilm", "backend", "onnxruntime", "precision", precision, "batch", batch);
    }

    /** The sweep's four cells with the given medians: fp32/1, fp32/8, int8/1, int8/8; two forks each. */
    private static List<Cell> sweep(double fp32b1, double fp32b8, double int8b1, double int8b8) {
        return List.of(
                TestCells.measured(1, cell("fp32", "1"), RunFolders.sampleTime(fp32b1, fp32b1)),
                TestCells.measured(2, cell("fp32", "8"), RunFolders.sampleTime(fp32b8, fp32b8)),
                TestCells.measured(3, cell("int8", "1"), RunFolders.sampleTime(int8b1, int8b1)),
                TestCells.measured(4, cell("int8", "8"), RunFolders.sampleTime(int8b8, int8b8)));
    }

    private void write(Path run, String hardwareKey, String onnxruntime, List<Cell> entries) {
        RunFolders.writeJournal(run, entries);
        RunFolders.writeEnv(run, hardwareKey, "vm", "AMD EPYC", List.of(), RunFolders.software(onnxruntime));
    }

    @Test
    void aTenPercentSlowerCellIsTheOnlyRegressionAndExitsOne() {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, MACHINE, "1.23.2", sweep(30.0, 243.0, 13.2, 98.0));

        assertThat(run(baseline.toString(), candidate.toString())).isEqualTo(CompareCommand.EXIT_REGRESSION);

        String report = out.toString();
        assertThat(report.split("REGRESSION", -1)).hasSize(2);
        assertThat(report.lines().filter(line -> line.contains("REGRESSION")).findFirst().orElseThrow())
                .startsWith("int8       1  ").contains("12.0 -> 13.2", "1.100");
        assertThat(report).contains("fixed: model=minilm backend=onnxruntime",
                "4 cells compared: 1 regression, 0 improvements, 0 machine, 0 unresolved, 3 unchanged (alpha 0.001,"
                        + " min effect 5%)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void identicalRunsExitZeroWithEveryCellUnchanged() {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));

        assertThat(run(baseline.toString(), candidate.toString())).isZero();

        RunComparison comparison = RunComparator.compare(baseline, candidate, CompareSettings.defaults());
        assertThat(comparison.cells()).hasSize(4).allSatisfy(cell -> {
            assertThat(cell.verdict()).isEqualTo(Verdict.UNCHANGED);
            assertThat(cell.p50Ratio()).isEqualTo(1.0);
            assertThat(cell.p99Ratio()).isEqualTo(1.0);
            assertThat(cell.throughputRatio()).isEqualTo(1.0);
            assertThat(cell.pValue()).isEqualTo(1.0);
        });
        assertThat(out.toString()).doesNotContain("software differs");
    }

    @Test
    void aTenPercentFasterCellIsAnImprovementAndExitsZero() {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, MACHINE, "1.23.2", sweep(27.0, 243.0, 12.0, 98.0));

        assertThat(run(baseline.toString(), candidate.toString())).isZero();

        assertThat(out.toString()).contains("IMPROVEMENT", "1 improvement,");
    }

    @Test
    void aSignificantChangeBelowTheMinimumEffectIsUnchanged() {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.36, 98.0)); // 3% slower

        RunComparison comparison = RunComparator.compare(baseline, candidate, CompareSettings.defaults());

        CellComparison int8 = comparison.cells().get(2);
        assertThat(int8.pValue()).isLessThan(0.001);
        assertThat(int8.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(RunComparator.compare(baseline, candidate, new CompareSettings(0.001, 0.02, false)).cells().get(2)
                .verdict()).as("with --min-effect 0.02").isEqualTo(Verdict.REGRESSION);
        assertThat(run(baseline.toString(), candidate.toString(), "--min-effect", "0.02")).isEqualTo(1);
    }

    @Test
    void oneDriftingForkIsNotARegression() {
        // The candidate's third fork ran slow (other work on the machine) and took most of the pooled calls: the
        // pooled p50 is 20% up, but the forks' typical median is not.
        JsonNode base = RunFolders.sampleTime(List.of(RunFolders.bell(10.0, 2000), RunFolders.bell(10.0, 2000),
                RunFolders.bell(10.0, 2000)));
        JsonNode drift = RunFolders.sampleTime(List.of(RunFolders.bell(10.0, 2000), RunFolders.bell(10.0, 2000),
                RunFolders.bell(12.0, 8000)));
        write(baseline, MACHINE, "1.23.2", List.of(TestCells.measured(1, cell("fp32", "1"), base)));
        write(candidate, MACHINE, "1.23.2", List.of(TestCells.measured(1, cell("fp32", "1"), drift)));

        CellComparison cell = RunComparator.compare(baseline, candidate, CompareSettings.defaults()).cells().get(0);

        assertThat(cell.p50Ratio()).isGreaterThan(1.1);
        assertThat(cell.pValue()).isLessThan(0.001);
        assertThat(cell.forkMedianRatio()).isEqualTo(1.0);
        // Three forks a side cannot rule out the drift either: unresolved, never a regression.
        assertThat(cell.verdict()).isEqualTo(Verdict.UNRESOLVED);
    }

    @Test
    void differentHardwareIsRefusedInOneLineUnlessForced() {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, "ffffffffffffffff", "1.23.2", sweep(30.0, 243.0, 13.2, 98.0));

        assertThat(run(baseline.toString(), candidate.toString())).isEqualTo(HarnessCli.EXIT_BAD_INPUT);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("harness: hardware differs: baseline " + MACHINE)
                .contains("--force").hasLineCount(1);

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run(baseline.toString(), candidate.toString(), "--force")).isEqualTo(1);
        assertThat(out.toString()).contains("warning: hardware differs", "compared anyway (--force)", "REGRESSION");
    }

    @Test
    void softwareDifferencesAreShownAsContext() {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, MACHINE, "1.24.0", sweep(30.0, 243.0, 12.0, 98.0));

        assertThat(run(baseline.toString(), candidate.toString())).isZero();

        assertThat(out.toString()).contains("software differs", "software.onnxruntime: 1.23.2 -> 1.24.0")
                .doesNotContain("software.jmh");
    }

    @Test
    void cellsMeasuredInOneRunOnlyAreListedNotCompared() {
        List<Cell> base = new ArrayList<>(sweep(30.0, 243.0, 12.0, 98.0));
        List<Cell> cand = new ArrayList<>(sweep(30.0, 243.0, 12.0, 98.0).subList(0, 2));
        cand.add(TestCells.unmeasured(3, cell("int8", "1"), CellStatus.FAILED, "forked JVM died"));
        cand.add(TestCells.measured(5, cell("int8", "64"), RunFolders.sampleTime(700.0, 700.0)));
        write(baseline, MACHINE, "1.23.2", base);
        write(candidate, MACHINE, "1.23.2", cand);

        assertThat(run(baseline.toString(), candidate.toString())).isZero();

        assertThat(out.toString()).contains(
                "only in baseline: model=minilm backend=onnxruntime precision=int8 batch=1 (OK; FAILED in candidate)",
                "only in baseline: model=minilm backend=onnxruntime precision=int8 batch=8 (OK; not in candidate)",
                "only in candidate: model=minilm backend=onnxruntime precision=int8 batch=64 (OK; not in baseline)",
                "2 cells compared");
    }

    @Test
    void theLatestEntryOfARerunCellIsCompared() {
        List<Cell> cand = new ArrayList<>(sweep(30.0, 243.0, 13.2, 98.0));
        cand.add(TestCells.measured(3, cell("int8", "1"), RunFolders.sampleTime(12.0, 12.0)));
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, MACHINE, "1.23.2", cand);

        assertThat(run(baseline.toString(), candidate.toString())).isZero();
    }

    @Test
    void csvUsesADecimalPointInEveryLocale() throws IOException {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, MACHINE, "1.23.2", sweep(30.0, 243.0, 13.2, 98.0));
        Path csv = dir.resolve("compare.csv");
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(run(baseline.toString(), candidate.toString(), "--csv", csv.toString())).isEqualTo(1);
        } finally {
            Locale.setDefault(before);
        }

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("model,backend,precision,batch,baseline_status,candidate_status,"
                + "baseline_p50_ms,candidate_p50_ms,p50_ratio,p99_ratio,throughput_ratio,p_value,fork_median_ratio,"
                + "verdict,fork_ratio_low,fork_ratio_high,machine_slowdown,normalized_p50_ratio");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(3)).startsWith("minilm,onnxruntime,int8,1,OK,OK,12,13.2,1.1,1.1,")
                .endsWith(",1.1,REGRESSION,1.1,1.1,,");
        assertThat(lines.get(1)).endsWith(",1,1,1,1,UNCHANGED,1,1,,");
        assertThat(out.toString()).contains("wrote " + csv).doesNotContain("1,100");
    }

    @Test
    void aMissingRunFolderIsOneLineAndExitTwo() {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));

        assertThat(run(baseline.toString(), dir.resolve("nope").toString())).isEqualTo(2);

        assertThat(err.toString()).isEqualTo("harness: " + dir.resolve("nope") + ": no such run folder\n");
    }

    @Test
    void aMalformedJournalIsOneLineAndExitTwo() throws IOException {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        Files.writeString(candidate.resolve(RunLayout.JOURNAL), "{not json\n{\"also\":\"bad\"}\n");

        assertThat(run(baseline.toString(), candidate.toString())).isEqualTo(2);

        assertThat(err.toString()).startsWith("harness: ").contains(RunLayout.JOURNAL + " line 1").hasLineCount(1);
    }

    @Test
    void aMissingEnvJsonIsRefusedUnlessForced() throws IOException {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        Files.delete(candidate.resolve(RunLayout.ENV));

        assertThat(run(baseline.toString(), candidate.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(RunLayout.ENV + ": no such file", "--force").hasLineCount(1);

        assertThat(run(baseline.toString(), candidate.toString(), "--force")).isZero();
    }

    @Test
    void badSettingsAreExitTwo() {
        write(baseline, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));
        write(candidate, MACHINE, "1.23.2", sweep(30.0, 243.0, 12.0, 98.0));

        assertThat(run(baseline.toString(), candidate.toString(), "--alpha", "1.5")).isEqualTo(2);
        assertThat(run(baseline.toString(), candidate.toString(), "--min-effect", "abc")).isEqualTo(2);
        assertThat(run(baseline.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("harness: alpha must be between 0 and 1");
    }

    @Test
    void helpDescribesTheOptions() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("BASELINE", "CANDIDATE", "--csv", "--alpha", "--min-effect", "--force",
                "5%");
        assertThat(err.toString()).isEmpty();
    }
}
