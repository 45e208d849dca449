package dev.infbench.backend;

import dev.infbench.config.CellConfig;
import dev.infbench.format.OperatorProfile;
import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelBytes;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.ModelVariant;
import java.util.Map;
import java.util.Optional;

/**
 * An inference backend. One implementation per backend; the benchmark and the launcher know nothing else (one
 * backend, {@link Backends#reference()}, is also what other cells' outputs and operation counts are measured on).
 * {@link #check} runs in the launcher and must not load native code; {@link #open} runs only in a forked JVM.
 */
public interface Backend {

    /** The {@code -p backend=} name. */
    String name();

    /**
     * Decides whether the cell can run, without loading native libraries. Model-independent rules (layout,
     * sequence length) are checked by the caller first.
     */
    Capability check(CellConfig cell, ModelSpec model);

    /** Checks the cell's backend options; returns an error line or null. */
    default String checkOptions(Map<String, String> options) {
        return options.isEmpty() ? null : "backend " + name() + " takes no options; got " + options.keySet();
    }

    /** The model file a cell of this backend opens: by default the model's variant at the cell's precision. */
    default ModelVariant variantFor(CellConfig cell, ModelSpec model) {
        return model.variant(cell.precision().label()).orElseThrow(() -> new IllegalStateException(model.name()
                + " has no " + cell.precision() + " variant"));
    }

    /**
     * Opens a session for a model variant, configured as the cell says: the cell's own variant for timing, the
     * model's fp32 reference for the accuracy gate. Outside the timed region.
     */
    BackendSession open(CellConfig cell, ModelVariant variant) throws Exception;

    /**
     * The floating-point operations of one call of {@code model} on {@code inputs}, counted by this backend (slow:
     * setup only, in a fork); empty when it cannot count them.
     */
    default Optional<FlopCount> flops(ModelBytes model, InputBatch inputs) throws Exception {
        return Optional.empty();
    }

    /**
     * Runs the cell {@code warmup} times and then {@code calls} times with the backend's own per-operator profiler
     * on, writing its Chrome-trace JSON to {@code trace}; in a fork, outside any measured iteration. Empty when the
     * backend has no profiler.
     */
    default Optional<OperatorProfile> profile(CellConfig cell, ModelVariant variant, InputBatch inputs, int warmup,
                                              int calls, java.nio.file.Path trace) throws Exception {
        return Optional.empty();
    }
}
