package dev.infbench.config;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One cell of a sweep: a value for every {@link Parameter}, validated and canonical.
 * The same object is rebuilt inside the fork from the JMH {@code @Param} strings.
 */
public record CellConfig(
        String model,
        String backend,
        String target,
        Precision precision,
        int batch,
        int threads,
        int interop,
        Layout layout,
        int seq,
        String shape,
        String options,
        Scenario scenario,
        int rate,
        int maxDelayMs,
        int callers,
        int sessions) {

    /** Builds a cell from parameter values; parameters not given take their defaults. */
    public static CellConfig of(Map<Parameter, String> values) throws UsageException {
        Map<Parameter, String> v = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            v.put(p, p.validate(values.getOrDefault(p, p.defaultValue())));
        }
        return new CellConfig(
                v.get(Parameter.MODEL),
                v.get(Parameter.BACKEND),
                v.get(Parameter.TARGET),
                Precision.of(v.get(Parameter.PRECISION)),
                Integer.parseInt(v.get(Parameter.BATCH)),
                Integer.parseInt(v.get(Parameter.THREADS)),
                Integer.parseInt(v.get(Parameter.INTEROP)),
                Layout.of(v.get(Parameter.LAYOUT)),
                Integer.parseInt(v.get(Parameter.SEQ)),
                v.get(Parameter.SHAPE),
                v.get(Parameter.OPTIONS),
                Scenario.of(v.get(Parameter.SCENARIO)),
                Integer.parseInt(v.get(Parameter.RATE)),
                Integer.parseInt(v.get(Parameter.MAX_DELAY_MS)),
                Integer.parseInt(v.get(Parameter.CALLERS)),
                Integer.parseInt(v.get(Parameter.SESSIONS)));
    }

    /** The value of one parameter as text, as JMH and the results carry it. */
    public String get(Parameter p) {
        return switch (p) {
            case MODEL -> model;
            case BACKEND -> backend;
            case TARGET -> target;
            case PRECISION -> precision.label();
            case BATCH -> Integer.toString(batch);
            case THREADS -> Integer.toString(threads);
            case INTEROP -> Integer.toString(interop);
            case LAYOUT -> layout.label();
            case SEQ -> Integer.toString(seq);
            case SHAPE -> shape;
            case OPTIONS -> options;
            case SCENARIO -> scenario.label();
            case RATE -> Integer.toString(rate);
            case MAX_DELAY_MS -> Integer.toString(maxDelayMs);
            case CALLERS -> Integer.toString(callers);
            case SESSIONS -> Integer.toString(sessions);
        };
    }

    /** Every parameter by its {@code -p} name, in declaration order. */
    public Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Parameter p : Parameter.values()) {
            m.put(p.key(), get(p));
        }
        return m;
    }

    /**
     * Canonical identity of the cell within a run, e.g. {@code model=minilm,backend=onnxruntime,...}: every parameter
     * but those added since runs were recorded without them where they hold their default
     * ({@code Params.ADDED}), so that a cell's key is the one an older run gave it (its journal resumes).
     */
    public String key() {
        StringJoiner j = new StringJoiner(",");
        params().forEach((k, val) -> {
            if (!val.equals(dev.infbench.format.Params.ADDED.get(k))) {
                j.add(k + "=" + val);
            }
        });
        return j.toString();
    }

    /** The backend options parsed into a map (empty for {@code none}). */
    public Map<String, String> optionMap() {
        try {
            return BackendOptionsSyntax.parse(options);
        } catch (UsageException e) {
            throw new IllegalStateException("options were validated when the cell was built", e);
        }
    }

    /** A short label: backend/target/precision and the numeric settings. */
    public String label() {
        return model + " " + backend + "/" + target + "/" + precision + " batch=" + batch + " threads=" + threads
                + " interop=" + interop + " " + layout + " seq=" + seq + ("none".equals(shape) ? "" : " shape=" + shape)
                + ("none".equals(options) ? "" : " " + options) + serving();
    }

    /** The label's serving part: empty for the default scenario (single). */
    private String serving() {
        return switch (scenario) {
            case SINGLE -> "";
            case OFFLINE -> " offline";
            case SERVER -> " server " + (rate == 0 ? "max rate" : rate + "/s") + (batch > 1 || maxDelayMs > 0
                    ? " delay=" + maxDelayMs + "ms" : "");
            case CONCURRENCY -> " concurrency callers=" + callers + " sessions=" + sessions;
        };
    }
}
