package dev.infbench.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a cell's requests reach the model ({@code -p scenario=}), in the spirit of MLPerf LoadGen's scenarios: the
 * closed loop of back-to-back calls JMH times, or one of the serving scenarios a fork drives itself
 * ({@code dev.infbench.load}).
 */
public enum Scenario {
    /** One caller, back-to-back calls on the same inputs (JMH SampleTime): the latency of a call, no queue. */
    SINGLE,
    /** Every sample available at once, served in calls of the cell's batch, inputs rotated: throughput only. */
    OFFLINE,
    /**
     * Open-loop Poisson arrivals at {@code rate} requests/s (0: the highest rate within the SLA, searched), latency
     * from each request's due time, queueing included; {@code batch} is the largest batch a dynamic batcher forms,
     * waiting at most {@code max_delay_ms} for it to fill.
     */
    SERVER,
    /** {@code callers} closed-loop callers spread over {@code sessions} sessions of {@code threads} threads each. */
    CONCURRENCY;

    /** The name on the command line and in results: {@code server}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Scenario::label).toList();
    }

    /** The scenario of a validated label. */
    public static Scenario of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The JMH benchmark method that measures a cell of this scenario: {@code infer} or {@code serve}. */
    public String method() {
        return this == SINGLE ? "infer" : "serve";
    }

    /**
     * Why a cell's serving parameters do not go with its scenario (each applies to one scenario only, so that no
     * setting is silently ignored), or null when they do.
     */
    public static String mismatch(CellConfig c) {
        if (c.scenario() != SERVER && c.rate() != 0) {
            return "rate applies to scenario=server only (this cell is scenario=" + c.scenario() + ")";
        }
        if (c.scenario() != SERVER && c.maxDelayMs() != 0) {
            return "max_delay_ms applies to scenario=server only (this cell is scenario=" + c.scenario() + ")";
        }
        if (c.scenario() != CONCURRENCY && (c.callers() != 1 || c.sessions() != 1)) {
            return "callers and sessions apply to scenario=concurrency only (this cell is scenario=" + c.scenario()
                    + ")";
        }
        if (c.scenario() == CONCURRENCY && c.callers() > c.sessions() && !c.backend().startsWith("onnxruntime")) {
            return "callers share a session only on onnxruntime, whose sessions take concurrent runs; use sessions="
                    + c.callers();
        }
        if (c.scenario() == CONCURRENCY && (c.sessions() > c.callers() || c.callers() % c.sessions() != 0)) {
            return "callers=" + c.callers() + " cannot be spread evenly over sessions=" + c.sessions();
        }
        if (c.scenario() == SERVER && c.batch() == 1 && c.maxDelayMs() != 0) {
            return "max_delay_ms waits for a batch to fill: it needs batch (the largest batch) above 1";
        }
        return null;
    }
}
