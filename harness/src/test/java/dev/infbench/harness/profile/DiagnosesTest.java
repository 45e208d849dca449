package dev.infbench.harness.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.ForkMetrics;
import dev.infbench.format.Json;
import dev.infbench.format.MachinePeak;
import dev.infbench.format.Schemas;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.jmh.JmhForks;
import dev.infbench.harness.metrics.Cell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every diagnosis fires on a run built for it, and stays silent on the same run where the numbers do not say so. */
class DiagnosesTest {
    private static final MachinePeak PEAK = new MachinePeak(Schemas.PEAK, 2, 200.0, 400.0, 30.0, 7, 6.0, List.of(),
            List.of());

    /** The machine's speed in each of three rounds: every cell's fork of a round runs at that round's factor. */
    private static final double[] ROUNDS = {1.0, 1.01, 0.99};

    /**
     * A cell of three forks, one per round, at about {@code ms} a call (±1% round to round, the same for every cell),
     * on {@code threads} intra-op threads.
     */
    private static Cell cell(int index, double ms, int threads, double gflopPerSample, double loadMs,
                             String... params) {
        return cell(index, ms, threads, gflopPerSample, loadMs, ROUNDS, true, params);
    }

    /** A cell whose fork of round r runs at {@code ms × factors[r]}; {@code paired}: its forks carry their rounds. */
    private static Cell cell(int index, double ms, int threads, double gflopPerSample, double loadMs,
                             double[] factors, boolean paired, String... params) {
        Map<String, String> p = new LinkedHashMap<>(TestCells.params("model", "m", "target", "cpu", "precision",
                "fp32", "batch", "1", "threads", Integer.toString(threads)));
        p.putAll(TestCells.params(params));
        List<JsonNode> forks = new ArrayList<>();
        for (double f : factors) {
            ObjectNode jmh = (ObjectNode) TestCells.rounds(30, new double[] {ms * f, ms * f});
            ObjectNode secondary = jmh.putObject("secondaryMetrics");
            secondary.putObject(ForkMetrics.LOAD_MS).putArray("rawData").addArray().add(loadMs).add(loadMs);
            secondary.putObject(ForkMetrics.FIRST_CALL_MS).putArray("rawData").addArray().add(10).add(10);
            forks.add(jmh);
        }
        Cell c = TestCells.measured(index, p, JmhForks.merge(forks));
        ObjectNode effective = Json.MAPPER.createObjectNode();
        effective.put("intra_op_threads", threads);
        if (gflopPerSample > 0) {
            effective.put("flops_per_sample", gflopPerSample * 1e9);
        }
        JsonNode merged = c.jmh();
        List<Integer> rounds = java.util.stream.IntStream.rangeClosed(1, factors.length).boxed().toList();
        return Cell.of((paired ? c.entry().ofForks(dev.infbench.format.CellStatus.OK, null, "2025-11-24T14:00:12Z",
                12.5, null, merged, rounds, null) : c.entry()).withEffective(effective));
    }

    /** Round factors of a cell that the machine's noise hit differently from the others: no ratio resolves. */
    private static final double[] NOISY = {0.6, 1.5, 1.0};

    private static Cell cell(int index, double ms, String... params) {
        return cell(index, ms, 2, 0, 500, params);
    }

    private static List<String> rules(List<Cell> cells, double slaMs) {
        return rules(cells, slaMs, List.of());
    }

    private static List<String> rules(List<Cell> cells, double slaMs, List<StageSection.Stages> stages) {
        return Diagnoses.of(cells, new Diagnoses.Inputs(PEAK, stages, 2, 2, slaMs)).stream()
                .map(Diagnoses.Diagnosis::rule).toList();
    }

    @Test
    void theBaselineMeetsTheSlaOnlyWhenItsIntervalDoes() {
        List<Cell> run = List.of(cell(1, 10), cell(2, 5, "precision", "int8"));
        List<Diagnoses.Diagnosis> d = Diagnoses.of(run, new Diagnoses.Inputs(null, List.of(), 2, 2, 50));
        assertThat(d.get(0).rule()).isEqualTo("baseline meets the SLA");
        assertThat(d.get(0).line()).startsWith("When not to optimize: #1").contains("still available: #2");
        // A configuration faster only at the point (noisy rounds) is no gain still available.
        List<Cell> noisy = List.of(cell(1, 10), cell(2, 5, 2, 0, 500, NOISY, true, "precision", "int8"));
        assertThat(Diagnoses.of(noisy, new Diagnoses.Inputs(null, List.of(), 2, 2, 50)).get(0).line())
                .contains("no other configuration of it has a throughput the rounds resolve as higher");
        assertThat(rules(run, 9)).doesNotContain("baseline meets the SLA")
                .doesNotContain("baseline meets the SLA: unresolved");
        // Its median within the SLA but its interval across it: unresolved, said as such.
        assertThat(rules(run, 10.02)).contains("baseline meets the SLA: unresolved")
                .doesNotContain("baseline meets the SLA");
    }

    @Test
    void oversubscriptionFiresOnMoreThreadsThanCores() {
        assertThat(rules(List.of(cell(1, 10, 4, 0, 500)), 1)).contains("oversubscription");
        assertThat(rules(List.of(cell(1, 10, 2, 0, 500)), 1)).doesNotContain("oversubscription");
    }

    @Test
    void threadsOtherThanThePhysicalCoresFireOnlyWhenResolvedSlower() {
        Cell physical = cell(1, 10, 2, 0, 500);
        assertThat(rules(List.of(physical, cell(2, 14, 1, 0, 500, "threads", "1")), 1))
                .contains("threads other than the physical cores");
        assertThat(rules(List.of(physical, cell(2, 10.05, 1, 0, 500, "threads", "1")), 1))
                .doesNotContain("threads other than the physical cores");
        // As slow at the point, but the rounds disagree (noise), or the forks are not paired by round: silent.
        assertThat(rules(List.of(physical, cell(2, 14, 1, 0, 500, NOISY, true, "threads", "1")), 1))
                .doesNotContain("threads other than the physical cores");
        assertThat(rules(List.of(cell(1, 10, 2, 0, 500, ROUNDS, false), cell(2, 14, 1, 0, 500, ROUNDS, false,
                "threads", "1")), 1)).doesNotContain("threads other than the physical cores");
    }

    @Test
    void stagesAroundTheModelFireWhenTheyAreMostOfEndToEnd() {
        Cell c = cell(1, 10);
        StageSection.Stages heavy = new StageSection.Stages(c, "m", "1", 6, 3.5, 0.5, 10, "decode", "top 5");
        StageSection.Stages light = new StageSection.Stages(c, "m", "1", 0.2, 9.7, 0.1, 10, "tokenize", "pool");
        assertThat(rules(List.of(c), 1, List.of(heavy))).contains("preprocessing or postprocessing dominates");
        assertThat(rules(List.of(c), 1, List.of(light))).doesNotContain("preprocessing or postprocessing dominates");
    }

    @Test
    void int8AndFp16FireWhenResolvedNoFasterThanFp32() {
        Cell fp32 = cell(1, 10);
        assertThat(rules(List.of(fp32, cell(2, 13, "precision", "int8")), 1)).contains("int8 slower than fp32");
        assertThat(rules(List.of(fp32, cell(2, 6, "precision", "int8")), 1)).doesNotContain("int8 slower than fp32");
        assertThat(rules(List.of(fp32, cell(2, 10.02, "precision", "fp16")), 1)).contains("fp16 through casts");
        assertThat(rules(List.of(fp32, cell(2, 6, "precision", "fp16")), 1)).doesNotContain("fp16 through casts")
                .doesNotContain("fp16 slower than fp32");
        // 1% slower: within the minimum effect, no measurable difference, silent.
        assertThat(rules(List.of(fp32, cell(2, 10.1, "precision", "int8")), 1)).doesNotContain("int8 slower than fp32");
        // Slower at the point, but noisy rounds: unresolved, silent; and noisy fp16 is no "same" either.
        assertThat(rules(List.of(fp32, cell(2, 13, 2, 0, 500, NOISY, true, "precision", "int8")), 1))
                .doesNotContain("int8 slower than fp32");
        assertThat(rules(List.of(fp32, cell(2, 10.02, 2, 0, 500, NOISY, true, "precision", "fp16")), 1))
                .doesNotContain("fp16 through casts").doesNotContain("fp16 slower than fp32");
    }

    @Test
    void aLargerBatchThatLowersThroughputFires() {
        Cell one = cell(1, 10);
        assertThat(rules(List.of(one, cell(2, 160, "batch", "8")), 1)).contains("a larger batch lowers throughput");
        assertThat(rules(List.of(one, cell(2, 40, "batch", "8")), 1)).doesNotContain("a larger batch lowers throughput");
        assertThat(rules(List.of(one, cell(2, 160, 2, 0, 500, NOISY, true, "batch", "8")), 1))
                .doesNotContain("a larger batch lowers throughput");
    }

    @Test
    void aCellFarBelowThePeakFires() {
        // 100 samples/s: 0.1 GFLOP a sample is 10 GFLOP/s, 5% of the 200 GFLOP/s peak; 1 GFLOP is 50%.
        assertThat(rules(List.of(cell(1, 10, 2, 0.1, 500)), 1)).contains("far below the machine's peak");
        assertThat(rules(List.of(cell(1, 10, 2, 1.0, 500)), 1)).doesNotContain("far below the machine's peak");
        // One thread of the peak's two, 50 samples/s: at 0.2 GFLOP a sample 5% of the peak, 10% of the half one
        // thread can reach: fires; at 0.7 GFLOP 17.5% of the peak but 35% of its half: silent.
        assertThat(rules(List.of(cell(1, 20, 1, 0.2, 500, "threads", "1")), 1)).contains("far below the machine's peak");
        assertThat(rules(List.of(cell(1, 20, 1, 0.7, 500, "threads", "1")), 1))
                .doesNotContain("far below the machine's peak");
    }

    @Test
    void aLongColdStartFires() {
        assertThat(rules(List.of(cell(1, 10, 2, 0, 3000)), 1)).contains("cold start");
        assertThat(rules(List.of(cell(1, 10, 2, 0, 500)), 1)).doesNotContain("cold start");
    }
}
