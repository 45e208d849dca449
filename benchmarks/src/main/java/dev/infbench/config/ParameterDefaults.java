package dev.infbench.config;

/**
 * Default value of each benchmark parameter, as compile-time constants so that the JMH {@code @Param}
 * annotations can name them. {@link Parameter} is the one place that says what each value means.
 */
public final class ParameterDefaults {
    public static final String MODEL = "minilm";
    public static final String BACKEND = "onnxruntime";
    public static final String TARGET = "cpu";
    public static final String PRECISION = "fp32";
    public static final String BATCH = "1";
    /** 0 = every core available to the process (its cgroup quota and cpuset, not the host's cores). */
    public static final String THREADS = "0";
    public static final String INTEROP = "1";
    public static final String LAYOUT = "nchw";
    public static final String SEQ = "128";
    /** No shape overrides: dimensions come from the model, batch and seq. */
    public static final String SHAPE = "none";
    /** No backend options: the backend's own defaults. */
    public static final String OPTIONS = "none";
    // Parameters added after runs were recorded without them: their defaults are the format's, so that an older
    // cell, which lacks them, reads as one with the default (see Params.ADDED).
    public static final String SCENARIO = dev.infbench.format.Params.DEFAULT_SCENARIO;
    public static final String RATE = dev.infbench.format.Params.DEFAULT_RATE;
    public static final String MAX_DELAY_MS = dev.infbench.format.Params.DEFAULT_MAX_DELAY_MS;
    public static final String CALLERS = dev.infbench.format.Params.DEFAULT_CALLERS;
    public static final String SESSIONS = dev.infbench.format.Params.DEFAULT_SESSIONS;

    private ParameterDefaults() {
    }
}
