package dev.infbench.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code shape} parameter, in the spirit of trtexec's {@code --shapes}: the dimensions after the batch for named
 * inputs, {@code NAME:DxDxD}, several joined by {@code +} (JMH splits {@code -p} values on commas), e.g.
 * {@code -p shape=pixel_values:3x640x640}. The batch dimension always comes from {@code batch}. {@code none} = no
 * overrides. An input name may itself contain {@code :} (TensorFlow exports {@code input:0}): the dimensions follow
 * the last one.
 */
public final class ShapeSpec {
    public static final String NONE = "none";
    private final Map<String, long[]> dims;

    private ShapeSpec(Map<String, long[]> dims) {
        this.dims = dims;
    }

    /** Parses the parameter value; a malformed one throws with a one-line message. */
    public static ShapeSpec parse(String value) {
        Map<String, long[]> dims = new LinkedHashMap<>();
        if (value.equals(NONE)) {
            return new ShapeSpec(dims);
        }
        for (String part : value.split("\\+", -1)) {
            int colon = part.lastIndexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new IllegalArgumentException("'" + part + "' is not NAME:DIMS (e.g. pixel_values:3x640x640;"
                        + " several inputs joined by '+')");
            }
            String name = part.substring(0, colon);
            String[] ds = part.substring(colon + 1).split("x", -1);
            long[] parsed = new long[ds.length];
            for (int i = 0; i < ds.length; i++) {
                try {
                    parsed[i] = Long.parseLong(ds[i]);
                } catch (NumberFormatException e) {
                    parsed[i] = -1;
                }
                if (parsed[i] <= 0) {
                    throw new IllegalArgumentException("'" + part + "': dimension '" + ds[i]
                            + "' is not a positive integer (dimensions are joined by 'x')");
                }
            }
            if (dims.put(name, parsed) != null) {
                throw new IllegalArgumentException("input '" + name + "' given twice");
            }
        }
        return new ShapeSpec(dims);
    }

    /** The canonical text of a valid value. */
    public static String canonical(String value) {
        ShapeSpec s = parse(value);
        if (s.dims.isEmpty()) {
            return NONE;
        }
        StringBuilder sb = new StringBuilder();
        s.dims.forEach((name, d) -> {
            sb.append(sb.length() == 0 ? "" : "+").append(name).append(':');
            sb.append(String.join("x", Arrays.stream(d).mapToObj(Long::toString).toList()));
        });
        return sb.toString();
    }

    /** The dimensions after the batch given for {@code input}, or null. */
    public long[] dimsAfterBatch(String input) {
        long[] d = dims.get(input);
        return d == null ? null : d.clone();
    }

    public java.util.Set<String> names() {
        return dims.keySet();
    }
}
