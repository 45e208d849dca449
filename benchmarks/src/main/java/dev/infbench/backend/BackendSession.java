package dev.infbench.backend;

import dev.infbench.model.InputBatch;
import java.util.Map;

/** An open model, ready to run batches. Closed at the end of the trial. */
public interface BackendSession extends AutoCloseable {

    /** Copies the inputs into the backend's own tensors, once, outside the timed region. */
    void bind(InputBatch inputs) throws Exception;

    /**
     * Runs one batch on the bound inputs synchronously: when it returns, the outputs are in host memory.
     * The timed operation. Returns something derived from the outputs for the caller to consume.
     */
    Object run() throws Exception;

    /**
     * The settings that actually took effect, read back from the backend (not what was asked):
     * threads, execution mode, provider, precision computed, model file identity.
     */
    Map<String, Object> effectiveSettings();

    @Override
    void close() throws Exception;
}
