package dev.infbench.accuracy;

/**
 * The accuracy gate's verdict for one cell: its outputs against the model's fp32 reference on the accuracy inputs.
 *
 * @param metric        how outputs were compared: {@code pooled-embedding}, {@code classifier} or {@code centred-output}
 * @param samples       inputs compared (sentences or synthetic samples)
 * @param minCosine     the smallest cosine similarity over the samples
 * @param maxAbsError   the largest absolute difference of a compared value
 * @param top1Agreement for classifiers, the share of samples with the same top-1 class (reported, not gated: see
 *                      {@link AccuracyThresholds}); null otherwise
 * @param threshold     the precision's minimum cosine
 * @param passed        true when every figure is within its threshold
 * @param reference     what the outputs were compared with
 */
public record AccuracyResult(String metric, int samples, double minCosine, double maxAbsError, Double top1Agreement,
                             double threshold, boolean passed, String reference) {

    /** One line for a row's reason: {@code min cosine 0.9391 < 0.985 (int8) over 24 sentences}. */
    public String summary(String precision) {
        StringBuilder sb = new StringBuilder("accuracy ").append(metric).append(": min cosine ")
                .append(String.format(java.util.Locale.ROOT, "%.6f", minCosine))
                .append(minCosine >= threshold ? " >= " : " < ")
                .append(threshold).append(" (").append(precision).append(')');
        if (top1Agreement != null) {
            sb.append(", top-1 agreement ").append(String.format(java.util.Locale.ROOT, "%.3f", top1Agreement));
        }
        sb.append(", max abs error ").append(String.format(java.util.Locale.ROOT, "%.3g", maxAbsError))
                .append(", over ").append(samples).append(" samples");
        return sb.toString();
    }
}
