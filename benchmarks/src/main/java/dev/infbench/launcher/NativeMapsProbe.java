package dev.infbench.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test-only: with {@code -Dinfbench.test.native-maps=FILE} the launcher samples {@code /proc/self/maps} every
 * {@value #PERIOD_MS} ms while it runs and writes every file it ever had mapped to {@code FILE} as it exits, one
 * path per line. A test reads it to prove that the launcher JVM maps no native library but the JDK's: model
 * generation, calibration and every cell run in child JVMs. A library mapped and unmapped between two samples is
 * missed; loading a native library is never that brief (libraries stay mapped until their class loader goes).
 */
final class NativeMapsProbe {
    /** The system property naming the output file. */
    static final String PROPERTY = "infbench.test.native-maps";
    static final long PERIOD_MS = 100;
    private static final Path MAPS = Path.of("/proc/self/maps");

    private final Path out;
    private final Set<String> mapped = new TreeSet<>();
    private final Thread sampler;

    private NativeMapsProbe(Path out) {
        this.out = out;
        this.sampler = new Thread(this::sampleUntilInterrupted, "infbench-native-maps");
        sampler.setDaemon(true);
    }

    /** Starts the probe when the property is set and this system has {@code /proc/self/maps}; else null. */
    static NativeMapsProbe startIfAsked() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank() || !Files.isReadable(MAPS)) {
            return null;
        }
        NativeMapsProbe probe = new NativeMapsProbe(Path.of(file));
        probe.sample();
        probe.sampler.start();
        return probe;
    }

    /** Takes a last sample and writes the union of all samples. */
    void finish() {
        sampler.interrupt();
        sample();
        synchronized (mapped) {
            try {
                Files.write(out, mapped, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("infbench: cannot write " + out + ": " + e.getMessage());
            }
        }
    }

    private void sampleUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            sample();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        List<String> lines;
        try {
            lines = Files.readAllLines(MAPS, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        synchronized (mapped) {
            for (String line : lines) {
                // address perms offset dev inode [path]; the path is the sixth field and may contain spaces.
                String[] f = line.trim().split("\\s+", 6);
                if (f.length == 6 && f[5].startsWith("/")) {
                    mapped.add(f[5]);
                }
            }
        }
    }
}
