package dev.infbench.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * This process's OS threads, so that the threads a backend really created can be read back. The JVM starts threads
 * of its own at any time (JIT compiler threads come and go), so a delta leaves out threads named like the JVM's.
 */
public final class ProcessThreads {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Names (truncated to 15 characters by Linux) of threads the JVM itself starts on demand. */
    private static final Pattern JVM_THREAD = Pattern.compile(
            "C[12] CompilerThre.*|GC Thread.*|G1 .*|VM .*|Common-Cleaner|Signal Dispatch.*|Sweeper thread|"
                    + "Service Thread|Monitor Deflati.*|Notification Th.*|Attach Listener|Finalizer|Reference Han.*");

    private ProcessThreads() {
    }

    /** The number of OS threads of this process, or -1 where {@code /proc} is not available. */
    public static int count() {
        int n = snapshot().size();
        return n == 0 ? -1 : n;
    }

    /** Thread id → name of every thread of this process (empty where {@code /proc} is not available). */
    public static Map<String, String> snapshot() {
        Map<String, String> threads = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return threads;
        }
        try (Stream<Path> s = Files.list(TASKS)) {
            s.forEach(t -> {
                try {
                    threads.put(t.getFileName().toString(), Files.readString(t.resolve("comm")).strip());
                } catch (IOException e) {
                    // the thread ended between listing and reading: it was not created by the backend either
                }
            });
        } catch (IOException e) {
            return new HashMap<>();
        }
        return threads;
    }

    /**
     * Threads present in {@code after} but not in {@code before}, leaving out JVM threads; null when {@code /proc}
     * is not available.
     */
    public static Integer created(Map<String, String> before, Map<String, String> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return null;
        }
        return (int) after.entrySet().stream()
                .filter(e -> !before.containsKey(e.getKey()))
                .filter(e -> !JVM_THREAD.matcher(e.getValue()).matches())
                .count();
    }
}
