package dev.infbench.format;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a backend's own profiler recorded for one cell under {@code --profile}: the calls it ran with the profiler
 * on, and what its trace's operator times add up to. The {@code profile} object of
 * {@code profiles/cell-NNN.profile.json} ({@link RunLayout#profileMeta}), beside the trace itself
 * ({@link RunLayout#profileTrace}).
 *
 * @param profiler     the profiler, e.g. "ONNX Runtime session profiling"
 * @param sums         what an operator table of this trace sums, and why (events that nest need self times)
 * @param warmupCalls  calls run before the profiled ones; in the trace too where the profiler cannot start late
 * @param calls        the profiled calls
 * @param wallMs       the profiled calls' wall time, measured around them (the profiler's own cost included)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OperatorProfile(String profiler, String sums, int warmupCalls, int calls, double wallMs) {
    /** A profile file comes from anywhere: counts that no profiler writes are refused, not folded. */
    public OperatorProfile {
        if (warmupCalls < 0 || calls < 0 || !(wallMs >= 0) || Double.isInfinite(wallMs)) {
            throw new IllegalArgumentException("a profile needs non-negative warmup_calls, calls and wall_ms (got "
                    + warmupCalls + ", " + calls + ", " + wallMs + ")");
        }
        profiler = profiler == null ? "the backend's profiler" : profiler;
        sums = sums == null ? "(not said)" : sums;
    }
}
