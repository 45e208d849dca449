package dev.infbench.launcher;

import dev.infbench.bench.PeakFork;
import dev.infbench.env.CpuBudget;
import dev.infbench.format.Json;
import dev.infbench.format.MachinePeak;
import dev.infbench.format.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Measures the machine's peaks once per run ({@link PeakFork}, in a JVM of its own) into {@code peak.json}, before
 * the first cell. A peak that cannot be measured is written as such, with why, and the run goes on: the cells are
 * then shown without a share of the peak.
 */
final class PeakStep {
    /** Far beyond the few seconds it takes: a child that runs this long is stuck. */
    private static final long TIMEOUT_SECONDS = 300;

    private PeakStep() {
    }

    /** The peak, measured now and written to the folder; one line of what it found goes to the caller. */
    static MachinePeak measure(RunFolder folder) throws IOException {
        long start = System.nanoTime();
        Path out = Files.createTempFile("infbench-peak", ".json");
        try {
            Optional<String> failure;
            try {
                failure = ChildJvm.run(PeakFork.class, List.of(out.toString()), out, RunLayout.peakLog(folder.dir),
                        TIMEOUT_SECONDS, TimeUnit.SECONDS, "measuring the machine's peaks");
            } catch (IOException e) {
                // The JVM could not start, or its log could not be opened: no peak, and the run goes on.
                failure = Optional.of("the JVM measuring the machine's peaks did not run (" + e.getMessage() + ")");
            }
            double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
            MachinePeak peak;
            if (failure.isPresent()) {
                peak = MachinePeak.failed(CpuBudget.cores(), seconds, failure.get());
            } else {
                try {
                    peak = Json.MAPPER.readValue(out.toFile(), MachinePeak.class).took(seconds);
                } catch (IOException e) {
                    peak = MachinePeak.failed(CpuBudget.cores(), seconds, "the JVM measuring the machine's peaks"
                            + " wrote no readable result (" + e.getMessage() + ")");
                }
            }
            folder.writeJson(RunLayout.PEAK, peak);
            return peak;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** "machine peak (2 threads, 6.2 s): fp32 212 GFLOP/s, int8 640 GOP/s, memory 18.3 GB/s". */
    static String line(MachinePeak peak) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "machine peak (%d threads, %.1f s):",
                peak.threads(), peak.seconds()));
        String sep = " ";
        if (peak.fp32Gflops() != null) {
            sb.append(sep).append(String.format(Locale.ROOT, "fp32 %.0f GFLOP/s", peak.fp32Gflops()));
            sep = ", ";
        }
        if (peak.int8Gops() != null) {
            sb.append(sep).append(String.format(Locale.ROOT, "int8 %.0f GOP/s", peak.int8Gops()));
            sep = ", ";
        }
        if (peak.memoryGbs() != null) {
            sb.append(sep).append(String.format(Locale.ROOT, "memory %.1f GB/s", peak.memoryGbs()));
            sep = ", ";
        }
        for (String s : peak.skipped()) {
            sb.append(sep).append("not measured: ").append(s);
            sep = "; ";
        }
        return sb.toString();
    }
}
