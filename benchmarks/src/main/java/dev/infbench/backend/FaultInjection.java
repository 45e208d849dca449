package dev.infbench.backend;

import dev.infbench.config.CellConfig;
import java.util.List;

/**
 * Deliberate failures, for testing how the suite survives them: {@code -p options=fault:throw} makes the trial's
 * setup throw; {@code fault:halt} ends the fork JVM abruptly with exit status 134, as a native abort would.
 * Accepted by every backend.
 */
public final class FaultInjection {
    /** The option key. */
    public static final String KEY = "fault";
    /** Its values. */
    public static final List<String> KINDS = List.of("throw", "halt");

    private FaultInjection() {
    }

    public static void beforeSetup(CellConfig cell) {
        String fault = cell.optionMap().get(KEY);
        if ("throw".equals(fault)) {
            throw new IllegalStateException("fault injected on purpose (options=fault:throw)");
        }
        if ("halt".equals(fault)) {
            // Straight to file descriptor 2, as a native abort writes its last words: inside a fork JMH has
            // replaced System.err with its link to the host.
            java.io.PrintStream stderr = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true);
            stderr.println("fault injected on purpose (options=fault:halt): halting the fork with status 134");
            Runtime.getRuntime().halt(134);
        }
    }
}
