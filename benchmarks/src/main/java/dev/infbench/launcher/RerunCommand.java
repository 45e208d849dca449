package dev.infbench.launcher;

import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import java.nio.file.Path;
import java.util.List;

/**
 * The one command that reruns just one cell: the run's JMH options, the model, and the parameters that differ from
 * their defaults (with {@code -p}, every parameter not named keeps its default; the model is always named, since
 * without any {@code -p} the default sweep would run).
 */
final class RerunCommand {
    private RerunCommand() {
    }

    static String of(Plan.Cell c, List<String> jmhOptions) {
        StringBuilder sb = new StringBuilder("java -jar ").append(jarName());
        jmhOptions.forEach(o -> sb.append(' ').append(shellQuote(o)));
        CellConfig cfg = c.config();
        for (Parameter p : Parameter.values()) {
            if (p == Parameter.MODEL || !cfg.get(p).equals(p.defaultValue())) {
                sb.append(" -p ").append(shellQuote(p.key() + "=" + cfg.get(p)));
            }
        }
        if (!c.benchmark().equals(Launcher.DEFAULT_BENCHMARK)) {
            sb.append(' ').append(shellQuote("^" + c.benchmark() + "$"));
        }
        return sb.toString();
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_.,:+=/@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** The jar as the user would name it from here: relative when it lies below the current folder. */
    private static String jarName() {
        try {
            Path jar = Path.of(RerunCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path cwd = Path.of("").toAbsolutePath();
            return jar.toString().endsWith(".jar")
                    ? (jar.startsWith(cwd) ? cwd.relativize(jar).toString() : jar.toString())
                    : "benchmarks.jar";
        } catch (Exception e) {
            return "benchmarks.jar";
        }
    }
}
