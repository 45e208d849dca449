package dev.infbench.accuracy;

import dev.infbench.config.Precision;
import java.util.Map;

/**
 * The minimum figures a precision must reach against fp32. Each threshold is set from measurements on the bundled
 * models (see README, "Accuracy gate"), with the margin stated there; none is a round number picked by taste.
 */
public final class AccuracyThresholds {
    /**
     * Minimum cosine (measured with ONNX Runtime 1.23.2 on the 24 accuracy sentences, MiniLM, pooled embeddings):
     * <ul>
     *   <li>fp32 against fp32 differs only in summation order: across threads 1/2 and optimization levels
     *       none/basic/all the cosine rounds to 1.000000000 with a max abs error of 7.6e-7. Anything below 0.99999
     *       computes a different function.</li>
     *   <li>int8: the shipped dynamically quantized MiniLM measured a min cosine between 0.9854 and 0.9899 over
     *       seq 16-512 and batch 1 and 8 (dynamic quantization scales per batch, so batch matters), worst 0.9854 at
     *       batch 8, seq 512. 0.98 keeps a margin of 0.005 below the worst measured case for inputs not measured;
     *       the negative control (one weight matrix of layer 0 zeroed) measured 0.924, far below. The generated
     *       int8 variants (batch 1; 64 synthetic images or 24 sentences): MiniLM (dynamic) 0.989149, ResNet-50
     *       (static) 0.991114 and MobileNetV2 (static) 0.983027 pass; the 4-convolution small CNN (static) measured
     *       0.970215 and fails; the miscaled negative controls (every scale 100x too large) measured 0.011, -0.050
     *       and -0.077. The threshold was not moved for any of them.</li>
     *   <li>fp16 (the generated variants: BatchNorms folded, weights and activations fp16, run by ONNX Runtime's CPU
     *       provider through casts; batch 1): MiniLM 0.999999, the small CNN 0.999999, ResNet-50 0.999998,
     *       MobileNetV2 0.999992. 0.995 keeps the same 0.005 margin below the worst measured as int8.</li>
     *   <li>bf16 is not measured (no CPU kernels in ONNX Runtime; aborts through DJL): its threshold follows its
     *       7-bit mantissa and is a placeholder.</li>
     * </ul>
     */
    static final Map<Precision, Double> MIN_COSINE = Map.of(
            Precision.FP32, 0.99999,
            Precision.FP16, 0.995,
            Precision.BF16, 0.99,
            Precision.INT8, 0.98);
    /*
     * Top-1 agreement is reported for classifiers but not gated. The gate's inputs are synthetic, so no class is
     * right for them and the top logits are often nearly tied: the generated fp16 ResNet-50, whose centred logits
     * agree with fp32 to a cosine of 0.999998, still picked another class for 1 of 64 images (0.984). A top-1 rule
     * would then measure tie-breaking, not correctness; the cosine of the whole centred logit vector does not.
     */

    private AccuracyThresholds() {
    }

    public static double minCosine(Precision precision) {
        Double t = MIN_COSINE.get(precision);
        if (t == null) {
            throw new IllegalArgumentException("no accuracy threshold for precision " + precision);
        }
        return t;
    }

}
