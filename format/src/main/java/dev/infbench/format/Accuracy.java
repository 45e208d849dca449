package dev.infbench.format;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Locale;

/**
 * The accuracy gate's verdict for one cell: its outputs against the model's fp32 reference on the accuracy inputs.
 * In a journal line as the {@code accuracy} object, snake_case; journals of schema 1 wrote it camelCase, still read.
 *
 * @param metric        how outputs were compared: {@code pooled-embedding}, {@code classifier}, {@code centred-output}
 *                      or {@code whole-output}
 * @param samples       inputs compared (sentences or synthetic samples)
 * @param minCosine     the smallest cosine similarity over the samples
 * @param maxAbsError   the largest absolute difference of a compared value
 * @param top1Agreement for classifiers, the share of samples with the same top-1 class (reported, not gated); null
 *                      otherwise
 * @param threshold     the precision's minimum cosine
 * @param passed        true when every gated figure is within its threshold
 * @param reference     what the outputs were compared with
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Accuracy(
        String metric,
        int samples,
        @JsonAlias("minCosine") double minCosine,
        @JsonAlias("maxAbsError") double maxAbsError,
        @JsonAlias("top1Agreement") Double top1Agreement,
        double threshold,
        boolean passed,
        String reference) {

    /** One line for a row's reason: {@code accuracy classifier: min cosine 0.939100 < 0.98 (int8), ...}. */
    public String summary(String precision) {
        StringBuilder sb = new StringBuilder("accuracy ").append(metric).append(": min cosine ")
                .append(String.format(Locale.ROOT, "%.6f", minCosine))
                .append(minCosine >= threshold ? " >= " : " < ")
                .append(threshold).append(" (").append(precision).append(')');
        if (top1Agreement != null) {
            sb.append(", top-1 agreement ").append(String.format(Locale.ROOT, "%.3f", top1Agreement));
        }
        sb.append(", max abs error ").append(String.format(Locale.ROOT, "%.3g", maxAbsError))
                .append(", over ").append(samples).append(" samples");
        return sb.toString();
    }
}
