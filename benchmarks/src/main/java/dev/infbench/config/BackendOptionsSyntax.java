package dev.infbench.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The syntax of the {@code options} parameter: {@code none}, or {@code key:value} pairs joined by {@code +}
 * (JMH splits {@code -p} values on commas, so commas cannot be used). Which keys a backend understands is the
 * backend's business; this class only parses.
 */
public final class BackendOptionsSyntax {
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9_.-]+");

    private BackendOptionsSyntax() {
    }

    /** Parses {@code value}; {@code none} gives an empty map. */
    public static Map<String, String> parse(String value) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        if (value.equals(ParameterDefaults.OPTIONS)) {
            return options;
        }
        for (String pair : value.split("\\+", -1)) {
            int colon = pair.indexOf(':');
            String k = colon < 0 ? pair : pair.substring(0, colon);
            String v = colon < 0 ? "" : pair.substring(colon + 1);
            if (!TOKEN.matcher(k).matches() || !TOKEN.matcher(v).matches()) {
                throw new UsageException("-p options=" + value + ": '" + pair
                        + "' is not key:value (lower-case letters, digits, '_', '.', '-'); pairs are joined by '+'");
            }
            if (options.put(k, v) != null) {
                throw new UsageException("-p options=" + value + ": '" + k + "' given twice");
            }
        }
        return options;
    }

    static String canonical(String value) throws UsageException {
        Map<String, String> parsed = parse(value.toLowerCase(java.util.Locale.ROOT));
        if (parsed.isEmpty()) {
            return ParameterDefaults.OPTIONS;
        }
        StringBuilder sb = new StringBuilder();
        parsed.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "+").append(k).append(':').append(v));
        return sb.toString();
    }
}
