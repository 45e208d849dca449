package dev.infbench.harness.pick;

import static dev.infbench.harness.pick.PickCells.cell;
import static dev.infbench.harness.pick.PickCells.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.CellStatus;
import dev.infbench.harness.GoldenFile;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.pick.BestPicks.Kind;
import dev.infbench.harness.pick.BestPicks.Pick;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What "pick the best" picks, and what it says about its picks. */
class BestPicksTest {

    /** A sweep of precision × batch × threads with one faster INACCURATE cell, a pruned and a failed cell. */
    static List<Cell> sweep() {
        return List.of(
                ok(1, "fp32", 1, 1, 30, 3),
                ok(2, "int8", 1, 1, 12, 1),
                ok(3, "int8", 1, 4, 8, 1),
                cell(4, CellStatus.INACCURATE, "fp16", 1, 4, 5, 0.5, 3, 2),
                ok(5, "fp32", 8, 1, 200, 10),
                ok(6, "int8", 8, 4, 40, 5),
                ok(7, "int8", 8, 1, 100, 5),
                TestCells.unmeasured(8, TestCells.params("model", "m", "precision", "fp16", "batch", "8", "threads",
                        "4"), CellStatus.PRUNED, "fp16 on onnxruntime/cpu: no CPU kernels"),
                TestCells.entry(9, TestCells.params("model", "m", "precision", "fp32", "batch", "8", "threads", "4"),
                        CellStatus.FAILED, "forked JVM died: exit status 137", 3.0, null));
    }

    private static Pick pick(List<Cell> cells, double sla, Kind kind) {
        return BestPicks.of(cells, "hw", sla, null).models().get(0).pick(kind).orElseThrow();
    }

    @Test
    void onlineServingPicksTheLowestP99AtBatch1AndNeverTheFasterInaccurateCell() {
        Pick online = pick(sweep(), 50, Kind.ONLINE);

        assertThat(online.winner().index()).isEqualTo(3);
        assertThat(online.statistic()).isEqualTo("p99");
        assertThat(online.ties()).isEmpty();
        assertThat(online.sentence()).startsWith("int8 at batch 1 with threads=4 has p99 ")
                .contains(" lower (×0.26–×0.28) against the fp32 batch-1 baseline with threads=1 (")
                .contains("threads=4 against threads=1: p99 ");
    }

    @Test
    void batchServingPicksTheHighestThroughput() {
        Pick batch = pick(sweep(), 50, Kind.BATCH);

        assertThat(batch.winner().index()).isEqualTo(6);
        assertThat(batch.value()).isEqualTo(8 * 1000.0 / 40);
        assertThat(batch.sentence()).startsWith("int8 at batch 8 with threads=4 has 200 samples/s, 6.0× higher"
                + " (×5.82–×6.18) against the fp32 batch-1 baseline with threads=1 (33.3 samples/s)");
    }

    @Test
    void theSlaExcludesCellsWhoseP99IsOverIt() {
        assertThat(pick(sweep(), 50, Kind.SLA).winner().index()).isEqualTo(6);

        Pick tight = pick(sweep(), 20, Kind.SLA);

        assertThat(tight.winner().index()).isEqualTo(3);
        assertThat(tight.notes()).contains("4 cells over the SLA of 20.0 ms: #1, #5, #6, #7");
    }

    @Test
    void noCellWithinTheSlaIsNoPick() {
        Pick none = pick(sweep(), 1, Kind.SLA);

        assertThat(none.winner()).isNull();
        assertThat(none.notes()).contains("no OK cell is within the SLA");
    }

    @Test
    void excludedCellsAreCountedWithTheirReason() {
        BestPicks.ModelPicks model = BestPicks.of(sweep(), "hw", 50, null).models().get(0);

        assertThat(model.eligible()).isEqualTo(6);
        assertThat(model.excluded()).extracting(e -> e.cell().index()).containsExactly(4, 8, 9);
        assertThat(model.excluded().get(0).why()).startsWith("INACCURATE, outside its accuracy threshold: accuracy");
        assertThat(model.picks()).allSatisfy(p -> assertThat(p.winner().status()).isEqualTo(CellStatus.OK));
    }

    @Test
    void overlappingIntervalsAreATieListedWithTheWinner() {
        List<Cell> cells = List.of(ok(1, "fp32", 1, 1, 10.0, 1), ok(2, "int8", 1, 1, 10.005, 1),
                ok(3, "int8", 1, 4, 20, 1));

        Pick online = pick(cells, 50, Kind.ONLINE);

        assertThat(online.winner().index()).isEqualTo(1);
        assertThat(online.ties()).extracting(t -> t.cell().index()).containsExactly(2);
        assertThat(online.interval()).isNotNull();
    }

    @Test
    void aOneForkWinnerIsSaidToBeUntestedAgainstForkNoise() {
        List<Cell> cells = List.of(cell(1, CellStatus.OK, "fp32", 1, 1, 10, 1, 5, 1));

        Pick online = pick(cells, 50, Kind.ONLINE);

        assertThat(online.notes()).contains("unresolved after 1 fork: one fork gives no interval, so no other cell"
                + " can be ruled out");
        assertThat(online.sentence()).endsWith("it is the baseline configuration itself on this machine.");
    }

    @Test
    void withoutAnyP99AtBatch1OnlineServingFallsBackToP50AndSaysSo() {
        // 201 × 2 iterations × 2 forks = 804 calls: p99 needs 1000.
        List<Cell> cells = List.of(cell(1, CellStatus.OK, "fp32", 1, 1, 30, 1, 1, 2),
                cell(2, CellStatus.OK, "int8", 1, 1, 12, 1, 1, 2));

        Pick online = pick(cells, 50, Kind.ONLINE);

        assertThat(online.winner().index()).isEqualTo(2);
        assertThat(online.statistic()).isEqualTo("p50");
        assertThat(online.notes()).anySatisfy(n -> assertThat(n).contains("so ranked by p50 instead"));
        assertThat(online.sentence()).isEqualTo("int8 has p50 12.1 ms, 2.5× lower (×0.39–×0.41) against the fp32"
                + " batch-1 baseline (30.1 ms); int8 against fp32: p50 2.5× lower (×0.39–×0.41) here on this machine.");
        assertThat(pick(cells, 50, Kind.SLA).notes())
                .anySatisfy(n -> assertThat(n).startsWith("the winner is judged by p50 12.1 ms"));
    }

    @Test
    void aMemoryCapWithoutMemoryFiguresIsSaidNotApplied() {
        Pick memory = BestPicks.of(sweep(), "hw", 50, 512L << 20).models().get(0).pick(Kind.MEMORY).orElseThrow();

        assertThat(memory.winner()).isNull();
        assertThat(memory.notes()).containsExactly("no memory figures in this run; cap not applied");
    }

    static Stream<Locale> locales() {
        return GoldenFile.locales();
    }

    @ParameterizedTest
    @MethodSource("locales")
    void bestMdIsTheSameInEveryLocale(Locale locale) {
        String actual = GoldenFile.underLocale(locale,
                () -> BestMarkdown.render(BestPicks.of(sweep(), "hw-key", 50, 1024L << 20)));

        assertThat(actual).isEqualTo(GoldenFile.read("best-sweep.md", actual));
    }

    @Test
    void aRunOfTwoModelsOnTwoBackendsPicksOnlyOkCellsPerModel() {
        List<Cell> cells = new java.util.ArrayList<>();
        for (Cell e : sweep()) {
            cells.add(e);
        }
        int next = cells.size() + 1;
        for (String backend : List.of("onnxruntime", "pytorch")) {
            for (String layout : List.of("nchw", "nhwc")) {
                cells.add(TestCells.entry(next++, TestCells.params("model", "resnet50", "backend", backend,
                        "precision", "fp32", "batch", "1", "layout", layout), CellStatus.OK, null, 10.0,
                        PickCells.sample(backend.equals("pytorch") ? 53 : 23, 2, 3, 2)));
            }
        }
        // Faster than all, but wrong: never a winner.
        cells.add(TestCells.entry(next, TestCells.params("model", "resnet50", "backend", "onnxruntime",
                "precision", "int8", "batch", "1", "layout", "nchw"), CellStatus.INACCURATE, "min cosine 0.5", 10.0,
                PickCells.sample(7, 1, 3, 2)));

        BestPicks picks = BestPicks.of(cells, "k", 50, null);

        assertThat(picks.models()).extracting(BestPicks.ModelPicks::model).containsExactly("m", "resnet50");
        assertThat(picks.models()).allSatisfy(model -> assertThat(model.picks()).hasSize(3)
                .allSatisfy(p -> assertThat(p.winner().status()).isEqualTo(CellStatus.OK)));
        String md = BestMarkdown.render(picks);
        assertThat(md).startsWith("# Best configurations: m on k\n").contains("# Best configurations: resnet50 on k\n");
        // resnet50 ran on two backends: the report compares them side by side, per precision and layout.
        assertThat(md.substring(md.indexOf("resnet50 on"))).contains("## Backends side by side",
                "| precision=fp32 layout=nchw |", "| precision=fp32 layout=nhwc |");
    }

    @Test
    void twoBackendsAreShownSideBySidePerConfiguration() {
        List<Cell> cells = List.of(
                backend(1, "onnxruntime", "nchw", 40), backend(2, "onnxruntime", "nhwc", 41),
                backend(3, "pytorch", "nchw", 480), backend(4, "pytorch", "nhwc", 360),
                TestCells.unmeasured(5, TestCells.params("model", "r", "backend", "pytorch", "layout", "nchw",
                        "precision", "bf16"), CellStatus.PRUNED, "bf16 aborts"));

        String md = BestMarkdown.render(BestPicks.of(cells, "k", 50, null));

        assertThat(md).contains("## Backends side by side",
                "| configuration | onnxruntime p50 ms | onnxruntime samples/s | pytorch p50 ms | pytorch samples/s |"
                        + " slowest p50 against the fastest |",
                "| layout=nchw precision=fp32 | 40.2 |", "| 12.0× higher (×", "| layout=nhwc precision=fp32 | 41.2 |",
                "| 8.8× higher (×");
    }

    /** A batch-1 cell of model m whose forks ran in rounds 1, 2, ... with these medians. */
    private static Cell rounds(int index, String precision, double... forkMediansMs) {
        Cell plain = TestCells.entry(index, TestCells.params("model", "m", "precision", precision, "batch", "1"),
                CellStatus.OK, null, 10.0, dev.infbench.harness.RunFolders.sampleTime(forkMediansMs));
        List<Integer> rounds = java.util.stream.IntStream.rangeClosed(1, forkMediansMs.length).boxed().toList();
        return Cell.of(plain.entry().ofForks(CellStatus.OK, null, "2026-12-02T00:00:00Z", 10.0, List.of(),
                plain.jmh(), rounds, null));
    }

    /** "2.5× lower", "1.04× higher": the words of a stated difference. */
    private static final java.util.regex.Pattern STATED = java.util.regex.Pattern.compile(
            "\\d+(\\.\\d+)?× (lower|higher)");

    @Test
    void aRatioWhosePairedIntervalIncludesATieIsNeverStatedAsADifference() {
        // int8 is 3% faster in round 1, 8% slower in round 2, 6% faster in round 3: the rounds disagree.
        List<Cell> cells = List.of(rounds(1, "fp32", 10.0, 10.0, 10.0), rounds(2, "int8", 9.7, 10.8, 9.4));

        Pick batch = pick(cells, 50, Kind.BATCH);

        assertThat(batch.ties()).extracting(t -> t.cell().index()).containsExactly(batch.winner().index() == 1 ? 2 : 1);
        assertThat(batch.resolved()).isFalse();
        assertThat(batch.sentence()).contains("unresolved after 3 rounds (×").doesNotContainPattern(STATED);
        String md = BestMarkdown.render(BestPicks.of(cells, "k", 50, null));
        assertThat(md).contains("Unresolved after 3 rounds: not shown to beat this cell", "paired by round");
        assertThat(md.lines().filter(l -> l.contains("samples/s") && STATED.matcher(l).find()).toList()).isEmpty();
    }

    @Test
    void aPairedRatioWithinTheMinimumEffectIsNoMeasurableDifference() {
        // The machine changed speed between rounds (10, 12, 11 ms), but both cells moved together: paired, int8 is
        // within 1% of fp32 in every round.
        List<Cell> cells = List.of(rounds(1, "fp32", 10.0, 12.0, 11.0), rounds(2, "int8", 9.95, 12.05, 10.97));

        Pick batch = pick(cells, 50, Kind.BATCH);

        assertThat(batch.resolved()).isFalse();
        assertThat(batch.ties()).singleElement().satisfies(t -> assertThat(t.ratio().verdict(0.05))
                .isEqualTo(dev.infbench.harness.stats.Ratio.Verdict.SAME));
        assertThat(batch.sentence()).contains("no measurable difference (×").doesNotContainPattern(STATED);
    }

    @Test
    void aPairedRatioThatExcludesATieIsStatedWithItsIntervalAndResolvesThePick() {
        // A slow second round slows both cells; paired, int8 is 2.5× faster in every round.
        List<Cell> cells = List.of(rounds(1, "fp32", 10.0, 14.0, 10.5), rounds(2, "int8", 4.0, 5.7, 4.15));

        Pick batch = pick(cells, 50, Kind.BATCH);

        assertThat(batch.winner().index()).isEqualTo(2);
        assertThat(batch.resolved()).isTrue();
        assertThat(batch.sentence()).containsPattern("2\\.5× higher \\(×2\\.[0-9]{2}–×2\\.[0-9]{2}\\) against the fp32");
        assertThat(BestMarkdown.render(BestPicks.of(cells, "k", 50, null)))
                .contains("Resolved after 3 rounds: the winner's samples/s beats every other cell's, paired by round");
        // Unpaired, the slow round would blur the same two cells: the paired interval is the narrower one.
        dev.infbench.harness.stats.Ratio paired = cells.get(1).ratio(cells.get(0),
                dev.infbench.harness.metrics.Figure.THROUGHPUT);
        dev.infbench.harness.stats.Ratio unpaired = dev.infbench.harness.stats.Ratio.unpaired(
                cells.get(1).metrics().orElseThrow().forkValues(dev.infbench.harness.metrics.Figure.THROUGHPUT),
                cells.get(0).metrics().orElseThrow().forkValues(dev.infbench.harness.metrics.Figure.THROUGHPUT));
        assertThat(paired.interval().high() - paired.interval().low())
                .isLessThan(unpaired.interval().high() - unpaired.interval().low());
    }

    private static Cell backend(int index, String backend, String layout, double centerMs) {
        return TestCells.entry(index, TestCells.params("model", "r", "backend", backend, "layout", layout,
                "precision", "fp32"), CellStatus.OK, null, 10.0, PickCells.sample(centerMs, centerMs / 20, 3, 2));
    }
}
