package dev.infbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline's two ends do real work: tokens of the bundled sentences, a decoded image, pooled and ranked outputs. */
class PipelineStagesTest {

    @Test
    void textPreprocessingTokenizesTheSentencesIntoTheModelsInputs() throws Exception {
        ModelSpec minilm = ModelCatalog.get("minilm");
        List<InputSpec> specs = ModelInputs.plan(minilm, 2, 16, "none");
        try (PipelineStages.Pre pre = PipelineStages.pre(minilm, specs, 2)) {
            InputBatch batch = pre.prepare();
            HostTensor ids = batch.tensors().values().stream().filter(t -> t.name().contains("input_ids"))
                    .findFirst().orElseThrow();
            assertThat(ids.shape()).containsExactly(2, 16);
            assertThat(ids.get(0)).as("[CLS]").isEqualTo(101);
            assertThat(pre.describe()).contains("tokenize 2 bundled sentence(s)");
            // The same request gives the same tensors, call after call.
            assertThat(pre.prepare().tensors().get(ids.name()).get(1)).isEqualTo(ids.get(1));
        }
    }

    @Test
    void imagePreprocessingDecodesResizesAndNormalisesIntoTheInputsLayout() throws Exception {
        ModelSpec resnet = ModelCatalog.get("resnet50");
        List<InputSpec> specs = ModelInputs.plan(resnet, 1, 128, "none");
        try (PipelineStages.Pre pre = PipelineStages.pre(resnet, specs, 1)) {
            HostTensor image = pre.prepare().tensors().values().iterator().next();
            assertThat(image.shape()).containsExactly(1, 3, 224, 224);
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (long i = 0; i < image.count(); i++) {
                min = Math.min(min, image.get(i));
                max = Math.max(max, image.get(i));
            }
            // (0 - 0.485) / 0.229 and (1 - 0.406) / 0.225 bound ImageNet-normalised pixels; a real picture spans.
            assertThat(min).isGreaterThanOrEqualTo(-2.12).isLessThan(-1);
            assertThat(max).isLessThanOrEqualTo(2.65).isGreaterThan(1);
        }
    }

    @Test
    void postprocessingPoolsEmbeddingsAndRanksClasses() {
        ModelSpec minilm = ModelCatalog.get("minilm");
        HostTensor hidden = HostTensor.ofFloats("last_hidden_state", new long[] {1, 2, 2}, new float[] {3, 0, 9, 9});
        HostTensor mask = HostTensor.ofLongs("attention_mask", new long[] {1, 2}, new long[] {1, 0});
        float[][] e = (float[][]) PipelineStages.post(minilm).finish(List.of(hidden),
                InputBatch.of(List.of(mask)));
        assertThat(e[0]).as("the masked token left out, then unit length").containsExactly(1f, 0f);

        ModelSpec resnet = ModelCatalog.get("resnet50");
        HostTensor logits = HostTensor.ofFloats("logits", new long[] {1, 6}, new float[] {0, 5, 1, 4, 3, 2});
        int[][] top = (int[][]) PipelineStages.post(resnet).finish(List.of(logits), InputBatch.of(List.of()));
        assertThat(top[0]).containsExactly(1, 3, 4, 5, 2);
    }

    @Test
    void aModelOfNoKnownKindHasNoPipeline() {
        ModelSpec other = new ModelSpec("graph", ModelKind.OTHER, "a graph", 0, null, java.util.Map.of(), null);
        assertThatThrownBy(() -> PipelineStages.pre(other, List.of(), 1)).hasMessageContaining("no pipeline");
    }
}
