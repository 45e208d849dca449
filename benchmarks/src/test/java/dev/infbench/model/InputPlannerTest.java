package dev.infbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infbench.config.ShapeSpec;
import dev.infbench.model.InputSpec.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputPlannerTest {

    private static OnnxGraphInfo graph(Path file) throws Exception {
        return OnnxGraphInfo.parse(file.toString(), Files.readAllBytes(file));
    }

    @Test
    void minilmsInputsTakeBatchAndSeqAndItsVocabularyIsReadFromTheEmbeddingTable() throws Exception {
        List<InputSpec> specs = ModelInputs.plan(ModelCatalog.get("minilm"), 4, 32, "none");
        assertThat(specs).extracting(InputSpec::describe).containsExactly(
                "input_ids int64[4x32]", "attention_mask int64[4x32]", "token_type_ids int64[4x32]");
        assertThat(specs).extracting(InputSpec::role)
                .containsExactly(Role.TOKEN_IDS, Role.ATTENTION_MASK, Role.TOKEN_TYPE_IDS);
        assertThat(specs.get(0).vocabulary()).isEqualTo(30522L);
        assertThat(specs.get(2).vocabulary()).isEqualTo(2L);
    }

    @Test
    void aDynamicImageSizeNeedsShapeAndTheErrorSaysHow(@TempDir Path dir) throws Exception {
        OnnxGraphInfo g = graph(TinyOnnxModels.imageClassifier(dir));
        assertThatThrownBy(() -> InputPlanner.plan(g, 1, 128, ShapeSpec.parse("none")))
                .isInstanceOf(InputPlanException.class)
                .hasMessageContaining("input 'pixel_values'")
                .hasMessageContaining("dynamic dimension 2 'height'")
                .hasMessageContaining("-p shape=pixel_values:3xHEIGHTxWIDTH")
                .matches(e -> !((InputPlanException) e).cellSpecific());
    }

    @Test
    void shapeFillsTheDimensionsAfterTheBatch(@TempDir Path dir) throws Exception {
        OnnxGraphInfo g = graph(TinyOnnxModels.imageClassifier(dir));
        List<InputSpec> specs = InputPlanner.plan(g, 8, 128, ShapeSpec.parse("pixel_values:3x64x48"));
        assertThat(specs).singleElement().extracting(InputSpec::describe).isEqualTo("pixel_values float32[8x3x64x48]");
        assertThat(specs.get(0).role()).isEqualTo(Role.FLOAT);
    }

    @Test
    void shapeMustMatchTheModelsRankAndFixedDimensions(@TempDir Path dir) throws Exception {
        OnnxGraphInfo g = graph(TinyOnnxModels.imageClassifier(dir));
        assertThatThrownBy(() -> InputPlanner.plan(g, 1, 1, ShapeSpec.parse("pixel_values:64x48")))
                .hasMessageContaining("needs 3 dimensions after the batch (got 2)");
        assertThatThrownBy(() -> InputPlanner.plan(g, 1, 1, ShapeSpec.parse("pixel_values:4x64x48")))
                .hasMessageContaining("fixed at 3");
        assertThatThrownBy(() -> InputPlanner.plan(g, 1, 1, ShapeSpec.parse("image:3x64x48")))
                .hasMessageContaining("does not have").hasMessageContaining("pixel_values");
    }

    @Test
    void anInputTypeTheSuiteCannotFillIsNamed(@TempDir Path dir) throws Exception {
        OnnxGraphInfo g = graph(TinyOnnxModels.stringInput(dir));
        assertThatThrownBy(() -> InputPlanner.plan(g, 1, 1, ShapeSpec.parse("none")))
                .hasMessageContaining("input 'text' is of type string");
    }

    @Test
    void aFileThatIsNotAnOnnxModelSaysSo(@TempDir Path dir) throws Exception {
        Path lfs = dir.resolve("model.onnx");
        Files.writeString(lfs, "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n");
        assertThatThrownBy(() -> graph(lfs)).hasMessageContaining("Git LFS pointer");
    }

    @Test
    void shapeValuesAreParsedStrictly() {
        assertThat(ShapeSpec.canonical("x:3x640x640+mask:640x640")).isEqualTo("x:3x640x640+mask:640x640");
        assertThat(ShapeSpec.parse("input:0:3x4").dimsAfterBatch("input:0")).containsExactly(3, 4);
        assertThatThrownBy(() -> ShapeSpec.parse("x:3x0")).hasMessageContaining("positive integer");
        assertThatThrownBy(() -> ShapeSpec.parse("x")).hasMessageContaining("NAME:DIMS");
    }

    @Test
    void rolesComeFromNamesAndTypes() {
        assertThat(InputPlanner.role("input_ids", DType.INT64)).isEqualTo(Role.TOKEN_IDS);
        assertThat(InputPlanner.role("attention_mask", DType.INT64)).isEqualTo(Role.ATTENTION_MASK);
        assertThat(InputPlanner.role("token_type_ids", DType.INT32)).isEqualTo(Role.TOKEN_TYPE_IDS);
        assertThat(InputPlanner.role("position_ids", DType.INT64)).isEqualTo(Role.POSITION_IDS);
        assertThat(InputPlanner.role("images", DType.FLOAT32)).isEqualTo(Role.FLOAT);
    }

    @Test
    void halfPrecisionRoundTrips() {
        for (float f : new float[] {0f, 1f, -2.5f, 65504f, 6.1035156e-5f, 1e-7f}) {
            assertThat(Half.toFloat(Half.fromFloat(f))).as(Float.toString(f)).isCloseTo(f,
                    org.assertj.core.data.Offset.offset(Math.abs(f) * 1e-3f + 1e-7f));
        }
        assertThat(Half.toFloat(Half.fromFloat(1e6f))).isInfinite();
    }
}
