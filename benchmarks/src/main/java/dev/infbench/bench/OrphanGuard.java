package dev.infbench.bench;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends a fork whose parent (the launcher, or JMH's host) is gone. A JMH fork is a child process: killed, the launcher
 * leaves it running, and a serving fork may run for many minutes more, loading the machine the next job measures on,
 * with nobody left to read what it measures.
 */
final class OrphanGuard {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    static final String FORK_MAIN = "org.openjdk.jmh.runner.ForkedMain";

    private OrphanGuard() {
    }

    static boolean isFork(String javaCommand) {
        return javaCommand.startsWith(FORK_MAIN);
    }

    /**
     * Watches this process's parent, once per JVM, and halts this JVM when the parent exits; only in a JMH fork
     * (main class {@value #FORK_MAIN}): a benchmark run in the JVM that started it ({@code -f 0}) has a shell for a
     * parent, and outliving it is the user's choice.
     */
    static void start() {
        if (!isFork(System.getProperty("sun.java.command", "")) || !STARTED.compareAndSet(false, true)) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("infbench: the launcher of this fork (pid " + parent.pid() + ") is gone; the fork"
                    + " stops");
            Runtime.getRuntime().halt(3);
        }));
    }
}
