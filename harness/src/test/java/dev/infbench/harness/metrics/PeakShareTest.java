package dev.infbench.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.Json;
import dev.infbench.format.MachinePeak;
import dev.infbench.format.Schemas;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.profile.PeakSection;
import dev.infbench.harness.report.csv.ResultsCsv;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cell's GFLOP/s against the run's measured peak of the same kind: fp32 cells the fp32 peak, int8 the int8 one. */
class PeakShareTest {
    private static final MachinePeak PEAK = new MachinePeak(Schemas.PEAK, 2, 200.0, 400.0, 30.0, 5, 6.0,
            List.of("fp32 MatMul: best 200 of 5 tries"), List.of());

    /** A cell at 10 ms a call, batch 1 (100 samples/s), of {@code gflopPerSample} and {@code threads}. */
    private static Cell cell(int index, String precision, double gflopPerSample, int threads) {
        Cell c = TestCells.measured(index, TestCells.params("precision", precision, "threads",
                Integer.toString(threads)), TestCells.rounds(100, new double[] {10, 10}, new double[] {10, 10}));
        ObjectNode effective = Json.MAPPER.createObjectNode();
        effective.put("flops_per_sample", gflopPerSample * 1e9);
        effective.put("intra_op_threads", threads);
        return Cell.of(c.entry().withEffective(effective));
    }

    @Test
    void eachPrecisionIsJudgedAgainstItsOwnPeak() {
        PeakShare fp32 = PeakShare.of(cell(1, "fp32", 1.0, 2), PEAK).orElseThrow();
        assertThat(fp32.rate()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(fp32.kind()).isEqualTo("fp32");
        assertThat(fp32.share()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fp32.suggestion()).startsWith("part of the time goes outside the matrix kernels");

        PeakShare int8 = PeakShare.of(cell(2, "int8", 1.0, 2), PEAK).orElseThrow();
        assertThat(int8.kind()).isEqualTo("int8");
        assertThat(int8.share()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        // fp16 on a CPU runs through casts: fp32 is its ceiling.
        assertThat(PeakShare.of(cell(3, "fp16", 1.0, 2), PEAK).orElseThrow().kind()).isEqualTo("fp32");
    }

    @Test
    void sharesNearFarAndAboveThePeakSayWhatTheySuggest() {
        assertThat(PeakShare.of(cell(1, "fp32", 1.6, 2), PEAK).orElseThrow().suggestion()).startsWith("near the peak");
        assertThat(PeakShare.of(cell(1, "fp32", 0.2, 2), PEAK).orElseThrow().suggestion()).startsWith("far from");
        PeakShare above = PeakShare.of(cell(1, "fp32", 2.5, 2), PEAK).orElseThrow();
        assertThat(above.share()).as("not clipped").isCloseTo(1.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(above.label()).isEqualTo("125% of the fp32 peak");
        assertThat(above.suggestion()).startsWith("above the measured peak");
        assertThat(PeakShare.of(cell(1, "fp32", 0.2, 1), PEAK).orElseThrow().suggestion())
                .endsWith("it runs 1 of the peak's 2 threads, so at most 50% of the peak");
    }

    @Test
    void noPeakNoCountOrAMissingPartGivesNoShare() {
        assertThat(PeakShare.of(cell(1, "fp32", 1.0, 2), null)).isEmpty();
        MachinePeak noInt8 = new MachinePeak(Schemas.PEAK, 2, 200.0, null, 30.0, 5, 6.0, List.of(),
                List.of("int8: no instructions"));
        assertThat(PeakShare.of(cell(1, "int8", 1.0, 2), noInt8)).isEmpty();
        Cell uncounted = TestCells.measured(1, TestCells.params("precision", "fp32"),
                TestCells.rounds(100, new double[] {10, 10}));
        assertThat(PeakShare.of(uncounted, PEAK)).isEmpty();
    }

    @Test
    void theSectionAndTheCsvShowEveryCountedCell() throws Exception {
        List<Cell> cells = List.of(cell(1, "fp32", 1.0, 2), cell(2, "int8", 1.0, 2));
        String md = PeakSection.of(cells, PEAK).orElseThrow().markdown();
        assertThat(md).contains("Measured peaks (2 threads, 6.0 s): fp32 200 GFLOP/s, int8 400 GOP/s, memory 30.0 GB/s.")
                .contains("| #1 precision=fp32 | 100 | 50% of the fp32 peak |")
                .contains("| #2 precision=int8 | 100 | 25% of the int8 peak |");
        assertThat(PeakSection.of(cells, null)).isEmpty();

        StringWriter csv = new StringWriter();
        ResultsCsv.write(cells, PEAK, csv);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines.get(0)).endsWith(",peak_share,peak_kind," + String.join(",", ResultsCsv.LOAD_COLUMNS));
        assertThat(lines.get(1)).endsWith(",0.5,fp32" + ",".repeat(ResultsCsv.LOAD_COLUMNS.size()));
        assertThat(lines.get(2)).endsWith(",0.25,int8" + ",".repeat(ResultsCsv.LOAD_COLUMNS.size()));
    }
}
