package dev.infbench.harness.metrics;

import java.math.BigDecimal;

/**
 * One latency percentile of a SampleTime cell: the value JMH computed, and whether the harness reports it.
 *
 * @param quantile the quantile as a fraction, e.g. {@code 0.99} for p99
 * @param jmhMs    the value JMH reported, in milliseconds (may be NaN or infinite); null when JMH gave none
 * @param samples  how many samples the cell took, which decides {@link #available()}
 */
public record Percentile(double quantile, Double jmhMs, long samples) {

    /** True when JMH gave a finite value and the cell has enough samples for it under the tail rule. */
    public boolean available() {
        return jmhMs != null && Double.isFinite(jmhMs) && CellMetrics.tailReportable(quantile, samples);
    }

    /** The value in milliseconds when {@link #available()}, else null. */
    public Double ms() {
        return available() ? jmhMs : null;
    }

    /** Short name, e.g. {@code p50}, {@code p99.9}. */
    public String label() {
        return label(quantile);
    }

    /** Short name of a quantile, e.g. {@code p99.9} for {@code 0.999}. */
    public static String label(double quantile) {
        return "p" + new BigDecimal(Double.toString(quantile)).movePointRight(2).stripTrailingZeros().toPlainString();
    }
}
