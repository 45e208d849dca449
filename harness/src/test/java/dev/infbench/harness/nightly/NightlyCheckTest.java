package dev.infbench.harness.nightly;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.Json;
import dev.infbench.format.NightlyLayout;
import dev.infbench.harness.RunFolders;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.cli.HarnessCli;
import dev.infbench.harness.compare.CompareSettings;
import dev.infbench.harness.metrics.Cell;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nights against a baseline, a rerun and the history, on hand-made run folders (two cells, two forks each). */
class NightlyCheckTest {
    private static final String MACHINE = "a06cc004aa32ff56";
    private static final CompareSettings SETTINGS = CompareSettings.defaults();

    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    private static Map<String, String> cell(String precision) {
        return params("model", "minilm", "backend", "onnxruntime", "precision", precision, "threads", "1");
    }

    private static String key(String precision) {
        return TestCells.key(cell(precision));
    }

    /** A night's run folder: the fp32 and int8 cells at the given medians. */
    private Path night(String name, double fp32Ms, double int8Ms) {
        Path run = RunFolders.folder(dir, name);
        List<Cell> cells = List.of(
                TestCells.measured(1, cell("fp32"), RunFolders.sampleTime(fp32Ms, fp32Ms)),
                TestCells.measured(2, cell("int8"), RunFolders.sampleTime(int8Ms, int8Ms)));
        RunFolders.writeJournal(run, cells);
        RunFolders.writeEnv(run, MACHINE, "vm", "AMD EPYC", List.of(), RunFolders.software("1.23.2"));
        return run;
    }

    private List<History.Row> history() {
        return History.read(NightlyCheck.historyFile(home(), MACHINE)).rows();
    }

    @Test
    void theFirstNightOfAMachineBecomesItsBaselineAndIsRecorded() throws IOException {
        Path first = night("n1", 30, 12);

        NightlyCheck.Outcome o = NightlyCheck.check(home(), first, null, SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.BASELINE_SET);
        assertThat(Files.readString(home().resolve(NightlyLayout.BASELINES).resolve(MACHINE)).strip())
                .isEqualTo(first.toAbsolutePath().normalize().toString());
        assertThat(history()).hasSize(4).allSatisfy(r -> assertThat(r.verdict()).isEqualTo("BASELINE"));
        assertThat(history()).extracting(History.Row::figure)
                .containsExactly(History.P50, History.THROUGHPUT, History.P50, History.THROUGHPUT);
        assertThat(history().get(0).value()).isCloseTo(30, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void anUnchangedNightIsCleanAndAppended() {
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);

        NightlyCheck.Outcome o = NightlyCheck.check(home(), night("n2", 30, 12), null, SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.CLEAN);
        assertThat(o.lines()).contains("no cell is slower than the baseline");
        assertThat(history()).hasSize(8);
        assertThat(history().subList(4, 8)).allSatisfy(r -> assertThat(r.verdict()).isEqualTo("UNCHANGED"));
    }

    @Test
    void aSlowerCellNeedsARerunAndNothingIsRecordedUntilThen() {
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);

        NightlyCheck.Outcome o = NightlyCheck.check(home(), night("n2", 30, 13.2), null, SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.NEEDS_CONFIRMATION);
        assertThat(o.history()).isNull();
        assertThat(history()).hasSize(4);
    }

    @Test
    void aSlowdownConfirmedByTheRerunReportsExactlyThatCell() {
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);

        NightlyCheck.Outcome o = NightlyCheck.check(home(), night("n2", 30, 13.2), night("n2-confirm", 30, 13.3),
                SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.CHANGE);
        assertThat(o.reported()).containsExactly(key("int8"));
        assertThat(o.lines()).anySatisfy(l -> assertThat(l).startsWith("SLOWER, confirmed by the rerun (×1.11)")
                .endsWith("×1.10 " + key("int8")));
        assertThat(history().subList(4, 8)).extracting(History.Row::alert).containsExactly("", "", "yes", "yes");
    }

    @Test
    void aSlowdownTheRerunDoesNotShowIsNotReported() {
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);

        NightlyCheck.Outcome o = NightlyCheck.check(home(), night("n2", 30, 13.2), night("n2-confirm", 30, 12),
                SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.CLEAN);
        assertThat(o.reported()).isEmpty();
        assertThat(o.lines()).anySatisfy(l -> assertThat(l).startsWith("not confirmed by the rerun (UNCHANGED)"));
        assertThat(history().subList(4, 8)).extracting(History.Row::alert).containsExactly("", "", "no", "no");
    }

    @Test
    void aBaselineThatCaughtAFastMinuteDoesNotMakeOrdinaryNightsSlower() {
        // The baseline's int8 cell ran 10% fast; the nights since have all been at 13.2 ms, as tonight is.
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);
        appendPastNights(6, 13.2);

        NightlyCheck.Outcome o = NightlyCheck.check(home(), night("n9", 30, 13.2), night("n9-confirm", 30, 13.2),
                SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.CLEAN);
        assertThat(o.lines()).anySatisfy(l -> assertThat(l).startsWith("within the history's noise (z 0.0"));
    }

    @Test
    void aSlowdownBeyondTheHistorysNoiseIsReported() {
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);
        appendPastNights(6, 12);

        NightlyCheck.Outcome o = NightlyCheck.check(home(), night("n9", 30, 13.2), night("n9-confirm", 30, 13.2),
                SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.CHANGE);
        assertThat(o.lines()).anySatisfy(l -> assertThat(l).contains("against the last nights"));
    }

    @Test
    void aSlowdownTooSmallForOneNightIsReportedWhenItLastsThreeNights() {
        // Tonight is within the minimum effect of the baseline (x1.03), but it and the two nights before it are each
        // slower than every night before them, by 7.5% in median.
        NightlyCheck.check(home(), night("n1", 30, 12.5), null, SETTINGS);
        appendPastNights(6, 12.0);
        appendNight("n8", 12.9);
        appendNight("n9", 12.9);

        NightlyCheck.Outcome o = NightlyCheck.check(home(), night("n10", 30, 12.9), null, SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.CHANGE);
        assertThat(o.reported()).containsExactly(key("int8"));
        assertThat(o.lines()).anySatisfy(l -> assertThat(l).startsWith("SLOWER over the last 3 nights")
                .contains("their median ×1.08").endsWith(key("int8")));
    }

    @Test
    void nightsThatWanderWithinTheirOwnRangeAreNoSustainedShift() {
        NightlyCheck.check(home(), night("n1", 30, 12.2), null, SETTINGS);
        appendPastNights(6, 12.0);
        appendNight("n8", 12.4);
        appendNight("n9", 11.9);

        NightlyCheck.Outcome o = NightlyCheck.check(home(), night("n10", 30, 12.4), null, SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.CLEAN);
    }

    @Test
    void theCommandExitsFourForARerunAndOneForAConfirmedChange() {
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);
        Path slow = night("n2", 30, 13.2);
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out, true);

        assertThat(HarnessCli.run(new String[] {"nightly", "--home", home().toString(), slow.toString()}, w, w))
                .isEqualTo(4);
        assertThat(HarnessCli.run(new String[] {"nightly", "--home", home().toString(), slow.toString(),
                "--confirm", night("n2-confirm", 30, 13.2).toString()}, w, w)).isEqualTo(1);
        assertThat(out.toString()).contains("nightly: 1 cell looks slower; rerun the sweep")
                .contains("nightly: SLOWER, confirmed by the rerun");
    }

    @Test
    void aRunWithoutAHardwareKeyIsOneLineAndExitTwo() throws IOException {
        Path run = night("n1", 30, 12);
        Files.writeString(run.resolve(dev.infbench.format.RunLayout.ENV), "{\"schema\":2}\n");
        StringWriter err = new StringWriter();

        assertThat(HarnessCli.run(new String[] {"nightly", "--home", home().toString(), run.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("no usable hardware key").hasLineCount(1);
    }

    @Test
    void aHardwareKeyThatWouldLeaveTheHomeIsRefused() throws IOException {
        Path run = night("n1", 30, 12);
        RunFolders.writeEnv(run, "..", "vm", "AMD EPYC", List.of(), RunFolders.software("1.23.2"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NightlyCheck.check(home(), run, null, SETTINGS))
                .hasMessageContaining("no usable hardware key (..)");
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void aHistoryCutWhileAppendingKeepsItsCompleteRowsAndSaysSo() throws IOException {
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);
        Path file = NightlyCheck.historyFile(home(), MACHINE);
        Files.writeString(file, "2026-12-04T00:00:00Z,n2,abc,\"Inference", StandardOpenOption.APPEND);

        History.Read read = History.read(file);

        assertThat(read.rows()).hasSize(4);
        assertThat(read.warnings()).singleElement().asString().contains(file + " line 6: dropped an incomplete last"
                + " line");
        NightlyCheck.Outcome o = NightlyCheck.check(home(), night("n2", 30, 12), null, SETTINGS);
        assertThat(o.lines()).anySatisfy(l -> assertThat(l).startsWith("warning: " + file + " line 6"));
        // The next night's rows start on a line of their own: the history reads whole again.
        History.Read again = History.read(file);
        assertThat(again.warnings()).isEmpty();
        assertThat(again.rows()).hasSize(8).extracting(History.Row::run).containsOnly("n1", "n2");
    }

    @Test
    void aFirstNightWithAFailedCellIsNotMadeTheBaseline() {
        Path run = RunFolders.folder(dir, "n1");
        RunFolders.writeJournal(run, List.of(
                TestCells.measured(1, cell("fp32"), RunFolders.sampleTime(30, 30)),
                TestCells.unmeasured(2, cell("int8"), dev.infbench.format.CellStatus.FAILED, "OrtException: boom")));
        RunFolders.writeEnv(run, MACHINE, "vm", "AMD EPYC", List.of(), RunFolders.software("1.23.2"));

        NightlyCheck.Outcome o = NightlyCheck.check(home(), run, null, SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.INCOMPLETE);
        assertThat(o.lines()).anySatisfy(l -> assertThat(l).startsWith("not made this machine's baseline: 1 cell"
                + " failed"));
        assertThat(home().resolve(NightlyLayout.BASELINES).resolve(MACHINE)).doesNotExist();
        assertThat(history()).extracting(History.Row::verdict).contains("FAILED").doesNotContain("BASELINE");
        // The next complete night becomes the baseline.
        assertThat(NightlyCheck.check(home(), night("n2", 30, 12), null, SETTINGS).status())
                .isEqualTo(NightlyCheck.Status.BASELINE_SET);
    }

    @Test
    void aNightWhoseRerunCannotRunIsRecordedWithItsSuspectsUnconfirmed() {
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);

        NightlyCheck.Outcome o = NightlyCheck.check(home(), night("n2", 30, 13.2), null, true, SETTINGS);

        assertThat(o.status()).isEqualTo(NightlyCheck.Status.CLEAN);
        assertThat(o.reported()).isEmpty();
        assertThat(o.lines()).anySatisfy(l -> assertThat(l).startsWith("not confirmed, the rerun could not run"));
        assertThat(history().subList(4, 8)).extracting(History.Row::alert).containsExactly("", "", "no", "no");
    }

    @Test
    void aMalformedHistoryIsOneLineNamingTheFileAndExitTwo() throws IOException {
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);
        Path file = NightlyCheck.historyFile(home(), MACHINE);
        Files.writeString(file, "night,run\n2026,n1,extra,fields\n");
        StringWriter err = new StringWriter();

        assertThat(HarnessCli.run(new String[] {"nightly", "--home", home().toString(),
                night("n2", 30, 12).toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true)))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("harness: " + file + ": not a history file").hasLineCount(1);

        Files.writeString(file, String.join(",", History.COLUMNS) + "\n2026,n1,extra\n");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> History.read(file)))
                .hasMessage(file + " line 2: 3 fields, the header has 13");
    }

    @Test
    void theTrendCommandChartsEachModelAndWritesTheDashboardsJson() throws IOException {
        NightlyCheck.check(home(), night("n1", 30, 12), null, SETTINGS);
        NightlyCheck.check(home(), night("n2", 30, 13.2), night("n2-confirm", 30, 13.2), SETTINGS);
        StringWriter out = new StringWriter();

        assertThat(HarnessCli.run(new String[] {"trend", "--home", home().toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter()))).isZero();

        Path trend = home().resolve(NightlyLayout.TREND).resolve(MACHINE);
        assertThat(trend.resolve("trend-minilm.png")).isNotEmptyFile();
        assertThat(Files.readString(trend.resolve("trend.md"))).contains("| 2 | ").contains("n2 |");
        JsonNode latency = Json.MAPPER.readTree(trend.resolve(NightlyLayout.ACTION_LATENCY).toFile());
        assertThat(latency).hasSize(2);
        assertThat(latency.get(1).path("name").asText()).isEqualTo(key("int8"));
        assertThat(latency.get(1).path("unit").asText()).isEqualTo("ms");
        assertThat(latency.get(1).path("value").asDouble()).isCloseTo(13.2, org.assertj.core.data.Offset.offset(0.3));
        JsonNode throughput = Json.MAPPER.readTree(trend.resolve(NightlyLayout.ACTION_THROUGHPUT).toFile());
        assertThat(throughput.get(1).path("unit").asText()).isEqualTo("samples/s");
        JsonNode bencher = Json.MAPPER.readTree(trend.resolve(NightlyLayout.BENCHER).toFile());
        assertThat(bencher.path(key("int8")).path("latency").path("value").asDouble())
                .as("Bencher's latency is in nanoseconds").isCloseTo(13.2e6, org.assertj.core.data.Offset.offset(3e5));
        assertThat(bencher.path(key("int8")).path("throughput").path("value").asDouble()).isPositive();
    }

    /** One night {@code run} in the history with the int8 cell at {@code int8Ms} (fp32 at 30). */
    private void appendNight(String run, double int8Ms) {
        List<History.Row> rows = new ArrayList<>();
        for (String precision : List.of("fp32", "int8")) {
            double v = precision.equals("fp32") ? 30 : int8Ms;
            rows.add(new History.Row("2026-12-10T00:00:00Z", run, "abc", key(precision), "minilm",
                    "precision=" + precision, History.P50, v, v * 0.98, v * 1.02, "UNCHANGED", "", null));
        }
        History.append(NightlyCheck.historyFile(home(), MACHINE), rows);
    }

    /** Nights n2..n(count+1) in the history with the int8 cell at {@code int8Ms} (fp32 at 30), no alerts. */
    private void appendPastNights(int count, double int8Ms) {
        for (int i = 2; i <= count + 1; i++) {
            appendNight("n" + i, int8Ms);
        }
    }
}
