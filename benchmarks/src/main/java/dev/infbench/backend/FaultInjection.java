package dev.infbench.backend;

import dev.infbench.config.CellConfig;
import java.util.List;

/**
 * Deliberate failures and delays, for testing how the suite and its reports behave: {@code -p options=fault:throw}
 * makes the trial's setup throw; {@code fault:halt} ends the fork JVM abruptly with exit status 134, as a native abort
 * would; {@code fault:oom} exhausts the fork's direct memory in setup (16 MiB buffers, touched, up to the JVM's
 * {@code -XX:MaxDirectMemorySize}, its heap size by default: a bound the JVM enforces, so the host's out-of-memory
 * killer is never involved), as a batch too large for the machine would; {@code delay:MICROS} adds that many microseconds of busy waiting on the calling thread inside every timed call (a
 * known slowdown, as a slower kernel would be, for testing regression detection). Accepted by every backend.
 */
public final class FaultInjection {
    /** The option key of faults. */
    public static final String KEY = "fault";
    /** Its values. */
    public static final List<String> KINDS = List.of("throw", "halt", "oom");
    /** The option key of the delay, in microseconds. */
    public static final String DELAY = "delay";

    /**
     * The same delay without changing the cell's identity (so that {@code harness compare} can match the slowed cell
     * with its unslowed twin): {@code -jvmArgsAppend -Dinfbench.test.delay=precision=int8+batch=1:1500} slows the
     * cells whose parameters match every {@code name=value} before the last colon by that many microseconds.
     */
    public static final String DELAY_PROPERTY = "infbench.test.delay";

    /** The microseconds the property asks for this cell, or null when it is unset or names other cells. */
    static String delayFromProperty(CellConfig cell, String property) {
        if (property == null || property.isBlank()) {
            return null;
        }
        int colon = property.lastIndexOf(':');
        if (colon < 0 || delayError(property.substring(colon + 1)) != null) {
            throw new IllegalArgumentException("-D" + DELAY_PROPERTY + "=" + property
                    + ": expected name=value[+name=value...]:MICROS");
        }
        java.util.Map<String, String> params = cell.params();
        for (String pair : property.substring(0, colon).split("\\+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || !pair.substring(eq + 1).equals(params.get(pair.substring(0, eq)))) {
                return null;
            }
        }
        return property.substring(colon + 1);
    }

    /** An error line when a delay value is not a whole number of microseconds from 1 to 10 s, else null. */
    static String delayError(String micros) {
        try {
            long v = Long.parseLong(micros);
            if (v >= 1 && v <= 10_000_000) {
                return null;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        return "option delay:" + micros + " must be microseconds from 1 to 10000000";
    }

    /**
     * The session, slowed by the cell's {@code delay} option when it has one: the pause is inside {@link
     * BackendSession#run()}, so it is part of every timed call, as a slower kernel would be.
     */
    public static BackendSession withDelay(CellConfig cell, BackendSession session) {
        String micros = cell.optionMap().get(DELAY);
        if (micros == null) {
            micros = delayFromProperty(cell, System.getProperty(DELAY_PROPERTY));
        }
        if (micros == null) {
            return session;
        }
        long nanos = Long.parseLong(micros) * 1_000L;
        return new BackendSession() {
            @Override
            public void bind(dev.infbench.model.InputBatch inputs) throws Exception {
                session.bind(inputs);
            }

            @Override
            public Object run() throws Exception {
                Object out = session.run();
                // Busy, as a slower kernel would be: parking the thread would add its own cost (timer slack, the
                // backend's spinning worker threads going to sleep and waking again), a slowdown larger than asked.
                long end = System.nanoTime() + nanos;
                while (System.nanoTime() - end < 0) {
                    Thread.onSpinWait();
                }
                return out;
            }

            @Override
            public List<dev.infbench.model.HostTensor> outputs() throws Exception {
                return session.outputs();
            }

            @Override
            public java.util.Map<String, Object> effectiveSettings() {
                java.util.Map<String, Object> eff = new java.util.LinkedHashMap<>(session.effectiveSettings());
                eff.put("injected_delay_us", nanos / 1_000L);
                return eff;
            }

            @Override
            public List<String> mismatches() {
                return session.mismatches();
            }

            @Override
            public void close() throws Exception {
                session.close();
            }
        };
    }

    private FaultInjection() {
    }

    public static void beforeSetup(CellConfig cell) {
        String fault = cell.optionMap().get(KEY);
        if ("throw".equals(fault)) {
            throw new IllegalStateException("fault injected on purpose (options=fault:throw)");
        }
        if ("oom".equals(fault)) {
            List<java.nio.ByteBuffer> held = new java.util.ArrayList<>();
            while (true) {
                // allocateDirect zeroes the buffer: the memory is really taken, not just reserved.
                held.add(java.nio.ByteBuffer.allocateDirect(16 << 20));
            }
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
