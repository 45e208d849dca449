package dev.infbench.env;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Short keys that say whether two runs can be compared. The <em>hardware</em> key covers what decides the numbers
 * and does not change between two runs on the same machine and container limits: CPU identity, topology, the
 * process's core budget, ISA flags, caches, memory size in GiB, NUMA nodes and GPU models. It leaves out what
 * drifts (load, governor, turbo, SMT state, host name, free memory), which {@link Hygiene} reports instead. The
 * <em>software</em> key covers the context a comparison reports: OS and kernel, JVM, the pinned versions with the
 * build's commit, and the model files' SHA-256.
 *
 * <p>A key is the first 16 hex characters of the SHA-256 of a canonical text of its fields, each named by its
 * dotted path in {@code env.json}; so the key can be recomputed from a parsed {@code env.json} with
 * {@link #hardwareKey(Map)} and {@link #softwareKey(Map)}, and {@code env.json} stores it under
 * {@code keys.hardware} and {@code keys.software} with the fields it covers.
 */
public final class Fingerprint {
    /** Fields of the hardware key, as dotted paths in {@code env.json}. */
    public static final List<String> HARDWARE_FIELDS = List.of("cpu.model", "cpu.arch", "cpu.logical_cores",
            "cpu.physical_cores", "cpu.sockets", "cpu_budget.cores", "cpu.isa_flags", "cpu.caches",
            "memory.total_gib", "memory.numa_node_count", "gpu.models");
    /** Fields of the software key, as dotted paths in {@code env.json}. */
    public static final List<String> SOFTWARE_FIELDS = List.of("os.distribution", "os.kernel", "jvm.version",
            "jvm.vendor", "software", "models");

    /** Changing a key's fields or text changes every key: the version is part of the hashed text. */
    private static final String HARDWARE_HEADER = "infbench hardware key 1\n";
    private static final String SOFTWARE_HEADER = "infbench software key 1\n";
    private static final int KEY_HEX_CHARS = 16;

    private Fingerprint() {
    }

    /** The hardware key of an {@code env.json} (as written by {@link EnvironmentProbe} or parsed into maps). */
    public static String hardwareKey(Map<String, ?> env) {
        return hash(canonical(HARDWARE_HEADER, env, HARDWARE_FIELDS));
    }

    /** The software key of an {@code env.json}. */
    public static String softwareKey(Map<String, ?> env) {
        return hash(canonical(SOFTWARE_HEADER, env, SOFTWARE_FIELDS));
    }

    /** The {@code keys} section: both keys and the fields each covers. */
    static Map<String, Object> keys(Map<String, ?> env) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("hardware", hardwareKey(env));
        keys.put("hardware_fields", HARDWARE_FIELDS);
        keys.put("software", softwareKey(env));
        keys.put("software_fields", SOFTWARE_FIELDS);
        return keys;
    }

    /** The value at a dotted path ({@code cpu.model}), or null where any step is missing. */
    public static Object field(Map<String, ?> env, String dottedPath) {
        Object v = env;
        for (String step : dottedPath.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(step);
        }
        return v;
    }

    /** Lower-case hex SHA-256 of a file, such as a model file the run loads. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** Lower-case hex SHA-256 of a stream read to its end (a model bundled in the jar); does not close it. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String canonical(String header, Map<String, ?> env, List<String> fields) {
        StringBuilder sb = new StringBuilder(header);
        for (String f : fields) {
            sb.append(f).append('=');
            write(sb, field(env, f));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String hash(String canonical) {
        byte[] digest = sha256().digest(canonical.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, KEY_HEX_CHARS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Writes a value as compact JSON with map keys sorted and integral numbers without a fraction, so that the
     * maps built by the probe and the same maps read back from {@code env.json} (Long for Integer, Double for an
     * integral value) give the same text.
     */
    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Number n) {
            sb.append(number(n));
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                string(sb, e.getKey());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object x : c) {
                sb.append(first ? "" : ",");
                first = false;
                write(sb, x);
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    private static String number(Number n) {
        if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
            return n.toString();
        }
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        return d.stripTrailingZeros().toPlainString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
