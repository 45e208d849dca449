package dev.infbench.backend.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.backend.FlopCount;
import dev.infbench.model.InputFactory;
import dev.infbench.model.InputSpec;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelInputs;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.TextInputs;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlopCounterTest {

    /**
     * An independent hand count of all-MiniLM-L6-v2 at sequence length s = 128 (hidden h = 384, feed-forward
     * f = 1536, 6 layers, 12 heads of 32), multiply-add = 2: per layer the Q, K, V and output projections
     * 4 × 2·s·h·h, the feed-forward 2 × 2·s·h·f, the attention products QKᵀ and AV 2 × 2·s·s·h; times 6.
     */
    @Test
    void miniLmAtSequence128MatchesTheHandCountWithinFivePercent() throws Exception {
        long s = 128;
        long h = 384;
        long f = 1536;
        long perLayer = 4 * 2 * s * h * h + 2 * 2 * s * h * f + 2 * 2 * s * s * h;
        long hand = 6 * perLayer;
        assertThat(hand).isBetween(2_800_000_000L, 2_950_000_000L);

        ModelSpec minilm = ModelCatalog.get("minilm");
        List<InputSpec> specs = ModelInputs.plan(minilm, 1, 128, "none");
        FlopCount counted = FlopCounter.count(minilm.reference().read(),
                InputFactory.make(minilm, specs, TextInputs.draw(1, TextInputs.SEED), TextInputs.SEED).batch());

        System.out.printf("MiniLM seq 128: counted %,d FLOPs (%s over %d nodes), hand count %,d%n", counted.total(),
                counted.byOperator(), counted.nodes(), hand);
        assertThat((double) counted.total() / hand).isBetween(0.95, 1.05);
    }

    @Test
    void theSmallCnnCountsItsConvolutionsAndItsDenseLayer() throws Exception {
        ModelSpec cnn = ModelCatalog.get("smallcnn");
        List<InputSpec> specs = ModelInputs.plan(cnn, 2, 128, "none");
        FlopCount counted = FlopCounter.count(cnn.reference().read(),
                InputFactory.make(cnn, specs, null, 1).batch());

        // Per image: conv1 3→16 3x3 on 64x64, conv2 16→32 3x3 stride 2 to 32x32, res.conv1 32→32 3x3 on 32x32,
        // res.conv2 depthwise (groups 32) 3x3 on 32x32, fc 32→10; times 2 images.
        long perImage = 2L * 64 * 64 * 16 * (3 * 9) + 2L * 32 * 32 * 32 * (16 * 9) + 2L * 32 * 32 * 32 * (32 * 9)
                + 2L * 32 * 32 * 32 * 9 + 2L * 10 * 32;
        assertThat(counted.total()).isEqualTo(2 * perImage);
        assertThat(counted.byOperator()).containsOnlyKeys("Conv", "Gemm");
    }
}
