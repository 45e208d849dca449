package dev.infbench.backend;

import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import java.util.List;
import java.util.Map;

/** An open model, ready to run batches. Closed at the end of the trial. */
public interface BackendSession extends AutoCloseable {

    /** Makes these the inputs of {@link #run()}, replacing any bound before. Outside the timed region. */
    void bind(InputBatch inputs) throws Exception;

    /**
     * Runs one batch on the bound inputs synchronously: when it returns, the outputs are in host memory.
     * The timed operation. Returns something derived from the outputs for the caller to consume.
     */
    Object run() throws Exception;

    /** Runs one batch on the bound inputs and copies every output to the host as float32 (for the accuracy gate). */
    List<HostTensor> outputs() throws Exception;

    /**
     * The settings that actually took effect, read back from the backend (not what was asked):
     * threads, execution mode, provider, precision computed, model file identity.
     */
    Map<String, Object> effectiveSettings();

    /**
     * Asked settings that did not take effect, one line each, found by measuring (e.g. the threads a session
     * created); empty when everything asked was honoured.
     */
    List<String> mismatches();

    @Override
    void close() throws Exception;
}
