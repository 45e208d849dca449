package dev.infbench.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark parameters: their names, defaults and validity rules. The JMH benchmark, the launcher's
 * validation, sweeps and pruning all read this one definition (a test checks the {@code @Param} fields agree).
 */
public enum Parameter {
    MODEL("model", ParameterDefaults.MODEL, "model from the catalog, or a path to an .onnx or TorchScript (.pt) file", null, 0, 0),
    BACKEND("backend", ParameterDefaults.BACKEND, "inference backend",
            List.of("onnxruntime", "onnxruntime-trt", "pytorch", "tensorrt"), 0, 0),
    TARGET("target", ParameterDefaults.TARGET, "hardware target", List.of("cpu", "cuda"), 0, 0),
    PRECISION("precision", ParameterDefaults.PRECISION, "numeric precision of the model variant",
            Precision.labels(), 0, 0),
    BATCH("batch", ParameterDefaults.BATCH, "samples per call", null, 1, 65_536),
    THREADS("threads", ParameterDefaults.THREADS, "intra-op threads (0 = all cores available to the process)",
            null, 0, 4_096),
    INTEROP("interop", ParameterDefaults.INTEROP, "inter-op threads (>1 = parallel execution of independent nodes)",
            null, 1, 4_096),
    LAYOUT("layout", ParameterDefaults.LAYOUT, "image input layout (nhwc = channels-last)", Layout.labels(), 0, 0),
    SEQ("seq", ParameterDefaults.SEQ, "sequence length for text models", null, 1, 1_048_576),
    SHAPE("shape", ParameterDefaults.SHAPE, "input dimensions after the batch, NAME:DxD joined by '+'"
            + " (e.g. pixel_values:3x640x640)", null, 0, 0),
    OPTIONS("options", ParameterDefaults.OPTIONS, "backend options, key:value joined by '+' (e.g. opt:basic+spin:off)",
            null, 0, 0),
    SCENARIO("scenario", ParameterDefaults.SCENARIO, "how requests arrive: single (closed loop), offline (all at"
            + " once), server (open-loop arrivals), concurrency (parallel callers)", Scenario.labels(), 0, 0),
    RATE("rate", ParameterDefaults.RATE, "server: requests/s offered (0 = the highest rate within --sla-ms, searched)",
            null, 0, 1_000_000),
    MAX_DELAY_MS("max_delay_ms", ParameterDefaults.MAX_DELAY_MS, "server: the longest a request waits for a batch"
            + " of up to batch requests to fill (0 = no waiting)", null, 0, 60_000),
    CALLERS("callers", ParameterDefaults.CALLERS, "concurrency: closed-loop callers", null, 1, 1_024),
    SESSIONS("sessions", ParameterDefaults.SESSIONS, "concurrency: sessions the callers are spread over, each with"
            + " its own threads", null, 1, 1_024);

    private final String key;
    private final String defaultValue;
    private final String description;
    private final List<String> choices;
    private final int min;
    private final int max;

    Parameter(String key, String defaultValue, String description, List<String> choices, int min, int max) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.choices = choices;
        this.min = min;
        this.max = max;
    }

    /** The name used with {@code -p} and in results. */
    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    boolean isInteger() {
        return max > 0;
    }

    /** The allowed values, for enumerated parameters and for {@code model}; empty for free-form ones. */
    public List<String> choices() {
        if (this == MODEL) {
            return ModelValues.installed().names();
        }
        return choices == null ? List.of() : choices;
    }

    /** A short description of the valid values, for error messages and help. */
    public String validValues() {
        if (isInteger()) {
            return "an integer from " + min + " to " + max;
        }
        if (this == OPTIONS) {
            return "'none' or key:value pairs joined by '+'";
        }
        if (this == SHAPE) {
            return "'none' or NAME:DxDxD joined by '+'";
        }
        if (this == MODEL) {
            return String.join(", ", choices()) + ", or a path to an .onnx or .pt file";
        }
        return String.join(", ", choices());
    }

    /**
     * Checks one value and returns it in canonical form (lower case for names, no leading zeros for numbers).
     *
     * @throws UsageException naming the parameter, the bad value and the valid ones
     */
    public String validate(String raw) throws UsageException {
        String value = raw == null ? "" : raw.trim();
        if (value.isEmpty()) {
            throw new UsageException("-p " + key + ": empty value; valid: " + validValues());
        }
        if (isInteger()) {
            final long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new UsageException("-p " + key + "=" + value + ": not an integer; valid: " + validValues());
            }
            if (n < min || n > max) {
                throw new UsageException("-p " + key + "=" + value + ": out of range; valid: " + validValues());
            }
            return Long.toString(n);
        }
        if (this == OPTIONS) {
            return BackendOptionsSyntax.canonical(value);
        }
        if (this == SHAPE) {
            try {
                return ShapeSpec.canonical(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException("-p shape=" + value + ": " + e.getMessage());
            }
        }
        if (this == MODEL && ModelValues.installed().isPath(value)) {
            Path file;
            try {
                file = Path.of(value).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new UsageException("-p model=" + value + ": not a valid path (" + e.getReason() + ")");
            }
            String problem = ModelValues.installed().unreadable(file);
            if (problem != null) {
                throw new UsageException("-p model=" + value + ": " + problem);
            }
            return file.toString();
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!choices().contains(lower)) {
            throw new UsageException("-p " + key + "=" + value + ": unknown value; valid: " + validValues());
        }
        return lower;
    }

    /** Finds a parameter by its {@code -p} name. */
    public static Optional<Parameter> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    /** Like {@link #byKey} but a typo becomes a usage error listing the valid names. */
    public static Parameter require(String key) throws UsageException {
        return byKey(key).orElseThrow(() -> new UsageException(
                "-p " + key + ": unknown parameter; valid: " + String.join(", ", keys())));
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Parameter::key).toList();
    }
}
