package dev.infbench.harness.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.CellStatus;
import dev.infbench.format.ForkMetrics;
import dev.infbench.format.Json;
import dev.infbench.format.ProfileFiles;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pipeline fork's stage figures become shares of its end to end, said in one line per model. */
class StageSectionTest {

    private static ProfileFiles.Pipeline pipeline(double pre, double model, double post, double total) {
        ObjectNode jmh = Json.MAPPER.createObjectNode();
        ObjectNode secondary = jmh.putObject("secondaryMetrics");
        double[] values = {pre, model, post, total};
        for (int i = 0; i < values.length; i++) {
            secondary.putObject(ForkMetrics.STAGES.get(i)).put("score", values[i]);
        }
        ObjectNode effective = Json.MAPPER.createObjectNode().put("pipeline_preprocess", "tokenize")
                .put("pipeline_postprocess", "pool");
        return new ProfileFiles.Pipeline(3, Map.of(), CellStatus.OK, null, effective, jmh);
    }

    @Test
    void sharesAreOfTheEndToEndMeasuredInTheSameCalls() {
        Cell cell = TestCells.measured(3, TestCells.params("model", "resnet50", "batch", "1"),
                TestCells.rounds(10, new double[] {70}));
        StageSection.Stages s = StageSection.of(cell, pipeline(10, 60, 0.5, 72)).orElseThrow();

        assertThat(s.sentence()).isEqualTo("resnet50 at batch 1: the model is 83% of end to end; preprocessing 14%,"
                + " postprocessing 0.7%");
        String md = StageSection.section(List.of(s), new ArrayList<>()).markdown();
        assertThat(md).contains("| resnet50 | #3 | 1 | 10.0 | 60.0 | 0.500 | 72.0 | 14% / 83% / 0.7% |")
                .contains("resnet50: preprocess = tokenize;");
    }

    @Test
    void aForkWithoutStageFiguresHasNone() {
        Cell cell = TestCells.measured(1, TestCells.params("model", "minilm"), TestCells.rounds(10, new double[] {9}));
        ProfileFiles.Pipeline failed = new ProfileFiles.Pipeline(1, Map.of(), CellStatus.FAILED, "crashed", null,
                null);
        assertThat(StageSection.of(cell, failed)).isEmpty();
        // A file from elsewhere with a negative or missing stage time has no stages either.
        assertThat(StageSection.of(cell, pipeline(-1, 60, 0.5, 72))).isEmpty();
        assertThat(StageSection.of(cell, null)).isEmpty();
        String md = StageSection.section(List.of(), List.of("pipeline fork at cell 1: FAILED crashed")).markdown();
        assertThat(md).contains("Not measured: pipeline fork at cell 1: FAILED crashed");
    }
}
