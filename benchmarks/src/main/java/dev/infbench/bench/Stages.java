package dev.infbench.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * The pipeline benchmark's stage clocks: each call adds its preprocess, model and postprocess times here, and the
 * fork profiler turns an iteration's sums into mean times per call ({@code ForkMetrics.STAGE_*}) and starts again.
 */
final class Stages {
    static final LongAdder CALLS = new LongAdder();
    static final LongAdder PRE_NS = new LongAdder();
    static final LongAdder MODEL_NS = new LongAdder();
    static final LongAdder POST_NS = new LongAdder();
    static final LongAdder TOTAL_NS = new LongAdder();

    private Stages() {
    }

    /** One call's stages, from its four clock readings. */
    static void record(long start, long prepared, long inferred, long finished) {
        PRE_NS.add(prepared - start);
        MODEL_NS.add(inferred - prepared);
        POST_NS.add(finished - inferred);
        TOTAL_NS.add(finished - start);
        CALLS.increment();
    }

    static void reset() {
        CALLS.reset();
        PRE_NS.reset();
        MODEL_NS.reset();
        POST_NS.reset();
        TOTAL_NS.reset();
    }
}
