package dev.infbench.env;

import dev.infbench.format.Json;
import dev.infbench.format.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Machine hygiene: one-line warnings about conditions that make timings noisy or not comparable with an earlier run
 * on the same hardware (same {@link Fingerprint#hardwareKey(Map) hardware key}). Warnings inform; they stop
 * nothing.
 */
public final class Hygiene {
    /** A 1-minute load of half the usable cores means something else is taking a real share of them. */
    static final double LOAD_SHARE = 0.5;

    private Hygiene() {
    }

    /**
     * The warnings for a run.
     *
     * @param env      this run's {@code env.json}
     * @param previous the {@code env.json} of the latest earlier run with the same hardware key, or null
     */
    public static List<String> warnings(Map<String, ?> env, Map<String, ?> previous) {
        List<String> w = new ArrayList<>();
        Object load = Fingerprint.field(env, "load_average.1m");
        Object cores = Fingerprint.field(env, "cpu_budget.cores");
        if (load instanceof Number l && cores instanceof Number c && l.doubleValue() >= LOAD_SHARE * c.doubleValue()) {
            w.add(String.format(Locale.ROOT,
                    "load average %.2f at start on %d usable core%s: other work is running; timings will be noisy",
                    l.doubleValue(), c.intValue(), c.intValue() == 1 ? "" : "s"));
        }
        Object governor = Fingerprint.field(env, "cpu.frequency.governor");
        if (governor != null && !"performance".equals(governor)) {
            w.add("CPU frequency governor is " + governor
                    + ", not performance: the clock follows the load; timings will drift");
        }
        if (previous != null) {
            String when = "the previous run on this hardware (probed at "
                    + Objects.requireNonNullElse(Fingerprint.field(previous, "probed_at"), "an unknown time") + ")";
            Object turbo = Fingerprint.field(env, "cpu.frequency.turbo");
            Object turboBefore = Fingerprint.field(previous, "cpu.frequency.turbo");
            if (turbo instanceof Boolean now && turboBefore instanceof Boolean before && !now.equals(before)) {
                w.add("turbo boost is " + onOff(now) + ", was " + onOff(before) + " in " + when
                        + ": timings of the two runs are not comparable");
            }
            String smtChange = smtChange(env, previous);
            if (smtChange != null) {
                w.add(smtChange + " in " + when + ": timings of the two runs are not comparable");
            }
        }
        return w;
    }

    /**
     * The {@code env.json} of the latest run under {@code runsParentDir} (its {@code *}{@code /env.json}) with this
     * hardware key, other than {@code excludeRunDir}; latest by its {@code probed_at}, or by the file's modification
     * time where it has none. Unreadable files are skipped.
     */
    public static Optional<Map<String, Object>> previousEnv(Path runsParentDir, String hardwareKey,
            Path excludeRunDir) {
        if (runsParentDir == null || hardwareKey == null || !Files.isDirectory(runsParentDir)) {
            return Optional.empty();
        }
        Path excluded = excludeRunDir == null ? null : excludeRunDir.toAbsolutePath().normalize();
        Map<String, Object> latest = null;
        Instant latestAt = null;
        List<Path> runs;
        try (Stream<Path> s = Files.list(runsParentDir)) {
            runs = s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (Path run : runs) {
            Path file = run.resolve(RunLayout.ENV);
            if (!Files.isRegularFile(file) || run.toAbsolutePath().normalize().equals(excluded)) {
                continue;
            }
            Map<String, Object> env = read(file);
            if (env == null || !hardwareKey.equals(keyOf(env))) {
                continue;
            }
            Instant at = probedAt(env, file);
            if (at != null && (latestAt == null || at.isAfter(latestAt))) {
                latest = env;
                latestAt = at;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static String keyOf(Map<String, Object> env) {
        Object stored = Fingerprint.field(env, "keys.hardware");
        return stored != null ? stored.toString() : Fingerprint.hardwareKey(env);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) {
        try {
            Object v = Json.MAPPER.readValue(file.toFile(), Object.class);
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (IOException e) {
            return null; // a half-written or foreign env.json is no previous run
        }
    }

    private static Instant probedAt(Map<String, Object> env, Path file) {
        if (env.get("probed_at") instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // fall through to the file's time
            }
        }
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    /** "SMT is active, was inactive", comparing {@code active} where both runs have it, else {@code control}. */
    private static String smtChange(Map<String, ?> env, Map<String, ?> previous) {
        Object active = Fingerprint.field(env, "cpu.smt.active");
        Object activeBefore = Fingerprint.field(previous, "cpu.smt.active");
        if (active instanceof Boolean now && activeBefore instanceof Boolean before) {
            return now.equals(before) ? null
                    : "SMT is " + (now ? "active" : "inactive") + ", was " + (before ? "active" : "inactive");
        }
        Object control = Fingerprint.field(env, "cpu.smt.control");
        Object controlBefore = Fingerprint.field(previous, "cpu.smt.control");
        if (control != null && controlBefore != null && !control.equals(controlBefore)) {
            return "SMT control is " + control + ", was " + controlBefore;
        }
        return null;
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }
}
