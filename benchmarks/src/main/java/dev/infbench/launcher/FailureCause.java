package dev.infbench.launcher;

/** Turns whatever ended a cell into the first line of its cause, in words a user can act on. */
final class FailureCause {
    private FailureCause() {
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
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Forked VM failed with exit code (\\d+)").matcher(msg);
        if (m.find()) {
            return "forked JVM died: " + exitStatus(Integer.parseInt(m.group(1)));
        }
        return msg;
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
