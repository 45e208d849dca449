package dev.infbench.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns whatever ended a cell into the first line of its cause, in words a user can act on. */
final class FailureCause {
    /** Where JMH copies a dead fork's last lines of standard error into the cell's log. */
    private static final String STDERR_TAIL = "<stderr last=";

    private FailureCause() {
    }

    /**
     * Like {@link #describe(Throwable)}, and for a fork that died without reporting an exception, adds the first line
     * of what it printed on standard error (JMH copies its tail into the cell's log).
     */
    static String describe(Throwable t, Path log) {
        String reason = describe(t);
        if (!reason.startsWith("forked JVM died")) {
            return reason;
        }
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(STDERR_TAIL)) {
                    for (String line : lines.subList(i + 1, lines.size())) {
                        if (line.startsWith("</stderr>")) {
                            break;
                        }
                        if (!line.isBlank()) {
                            return reason + "; its stderr: " + line.strip();
                        }
                    }
                    return reason;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the reason without the fork's words is still true
        }
        return reason;
    }

    /** One line: the innermost meaningful message, with exit statuses of dead forks explained. */
    static String describe(Throwable t) {
        Throwable root = innermost(t);
        String msg = root.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = root.getClass().getName();
        } else if (!(root instanceof IllegalStateException) || !msg.startsWith("Forked VM failed")) {
            msg = simpleName(root) + ": " + msg;
        }
        msg = msg.lines().findFirst().orElse(msg).strip();
        Matcher m = Pattern.compile("Forked VM failed with exit code (\\d+)").matcher(msg);
        if (m.find()) {
            return "forked JVM died: " + exitStatus(Integer.parseInt(m.group(1)));
        }
        return msg;
    }

    /**
     * True when a failure's first line says the fork ran out of memory: the JVM's OutOfMemoryError, a native
     * allocation that failed (ONNX Runtime, libtorch, std::bad_alloc), or a fork killed by SIGKILL, which on a
     * machine under memory pressure is the kernel's out-of-memory killer.
     */
    static boolean outOfMemory(String reason) {
        if (reason == null) {
            return false;
        }
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        return r.contains("outofmemoryerror") || r.contains("bad_alloc") || r.contains("failed to allocate")
                || r.contains("out of memory") || r.contains("exit status 137");
    }

    /** What an exit status of a dead fork usually means. */
    static String exitStatus(int code) {
        return switch (code) {
            case 137 -> "exit status 137 (SIGKILL: killed from outside, often the kernel's out-of-memory killer)";
            case 134 -> "exit status 134 (SIGABRT: a native library aborted)";
            case 139 -> "exit status 139 (SIGSEGV: a native library crashed)";
            case 143 -> "exit status 143 (SIGTERM: terminated from outside)";
            default -> code > 128 ? "exit status " + code + " (signal " + (code - 128) + ")" : "exit status " + code;
        };
    }

    /**
     * JMH wraps the fork's exception in RunnerException → BenchmarkException (which keeps the real errors as
     * suppressed exceptions and hides its cause). Walk causes and suppressed exceptions to the innermost one.
     */
    private static Throwable innermost(Throwable t) {
        Throwable current = t;
        for (int depth = 0; depth < 32; depth++) {
            Throwable next = current.getCause();
            if (next == null && current.getSuppressed().length > 0) {
                next = current.getSuppressed()[0];
            }
            if (next == null || next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private static String simpleName(Throwable t) {
        String n = t.getClass().getSimpleName();
        return n.isEmpty() ? t.getClass().getName() : n;
    }
}
