package dev.infbench.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts this process's OS threads, so that the threads a backend really created can be read back. */
public final class ProcessThreads {
    private static final Path TASKS = Path.of("/proc/self/task");

    private ProcessThreads() {
    }

    /** The number of OS threads of this process, or -1 where {@code /proc} is not available. */
    public static int count() {
        if (!Files.isDirectory(TASKS)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(TASKS)) {
            return (int) s.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
