package dev.infbench.harness.compare;

import dev.infbench.format.CellStatus;
import dev.infbench.harness.stats.Interval;
import java.util.Map;

/**
 * One cell measured in both runs. Ratios are candidate / baseline, so above 1 means slower for latencies and faster
 * for throughput. Any figure is null when either side lacks it (tail rule, no per-call data, a single fork).
 *
 * @param params          the cell's parameters
 * @param baselineStatus  OK or INACCURATE
 * @param candidateStatus OK or INACCURATE
 * @param baselineP50Ms   baseline median latency
 * @param candidateP50Ms  candidate median latency
 * @param p50Ratio        candidate / baseline median
 * @param p99Ratio        candidate / baseline p99, where both have enough samples for a p99
 * @param throughputRatio candidate / baseline samples per second
 * @param pValue          two-sided Mann-Whitney p-value over the per-call histograms; null outside SampleTime
 * @param forkMedianRatio candidate / baseline median of the forks' medians; null unless both ran 2 forks or more
 * @param forkInterval    95% interval of the p50 ratio over forks (unpaired: the two runs ran at different times);
 *                        null unless both ran 2 forks or more
 * @param machineSlowdown baseline / candidate machine-speed probe (compute): above 1 when the candidate's machine was
 *                        slower; null unless both runs probed every fork
 * @param normalizedRatio the p50 ratio divided by the machine slowdown; null without it
 * @param forks           the fewer of the two runs' forks (rounds) with calls
 * @param verdict         the conclusion
 */
public record CellComparison(Map<String, String> params, CellStatus baselineStatus, CellStatus candidateStatus,
        Double baselineP50Ms, Double candidateP50Ms, Double p50Ratio, Double p99Ratio, Double throughputRatio,
        Double pValue, Double forkMedianRatio, Interval forkInterval, Double machineSlowdown,
        Double normalizedRatio, int forks, Verdict verdict) {

    public CellComparison {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
