package dev.infbench.harness.merge;

import dev.infbench.format.CellStatus;
import dev.infbench.format.EnvFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of one run in a cross-hardware merge.
 *
 * @param run          the run folder's name
 * @param env          the run's machine and software
 * @param params       the cell's parameters
 * @param status       what became of the cell
 * @param p50Ms        median latency, null when unavailable (tail rule, not measured, not SampleTime)
 * @param p99Ms        99th percentile latency, null when unavailable
 * @param throughputPerS samples per second, null when not measured
 * @param maxRatePerS  a server cell's highest rate within the SLA (median over the forks that found one), null when
 *                     it searched none or found none
 */
public record MergedRow(String run, EnvFile env, Map<String, String> params, CellStatus status, Double p50Ms,
        Double p99Ms, Double throughputPerS, Double maxRatePerS) {

    public MergedRow {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * The machine the row was measured on: its hardware key, or the run's name when env.json has none (then the run
     * is its own machine).
     */
    public String machine() {
        return env.hardwareKey() != null ? env.hardwareKey() : "run:" + run;
    }
}
