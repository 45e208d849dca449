package dev.infbench.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run's {@code peak.json}: the machine's practical peaks, measured once per run in a fork of their own before the
 * first cell, each the best of several tries on every usable core. Cells' achieved rates are shown as a share of the
 * matching peak: fp32 cells of {@link #fp32Gflops}, int8 cells of {@link #int8Gops}.
 *
 * @param schema      layout version ({@link Schemas#PEAK} when written now)
 * @param threads     the threads every part ran on (every core usable by the process)
 * @param fp32Gflops  the best fp32 matrix-product rate, GFLOP/s (multiply-add = 2), or null when not measured
 * @param int8Gops    the best int8 matrix-product rate (uint8 × int8 into int32), GOP/s, or null when not measured
 * @param memoryGbs   the best copy bandwidth between buffers larger than the caches, GB/s read and written, or null
 * @param tries       the tries each part's best is taken over
 * @param seconds     how long the measurement took, the fork's start included
 * @param how         one line per part: what was run, through what, and the spread of its tries
 * @param skipped     one line per part that was not measured, saying why; empty when every part ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MachinePeak(int schema, int threads, Double fp32Gflops, Double int8Gops, Double memoryGbs, int tries,
                          double seconds, List<String> how, List<String> skipped) {

    public MachinePeak {
        how = how == null ? List.of() : List.copyOf(how);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        // A peak file comes from anywhere: a rate no measurement gives would make every share of it a lie.
        for (Double rate : new Double[] {fp32Gflops, int8Gops, memoryGbs}) {
            if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
                throw new IllegalArgumentException("a peak rate must be a positive number, not " + rate);
            }
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative, not " + threads);
        }
    }

    /** A peak that could not be measured at all, saying why. */
    public static MachinePeak failed(int threads, double seconds, String why) {
        return new MachinePeak(Schemas.PEAK, threads, null, null, null, 0, seconds, List.of(), List.of(why));
    }

    /** This peak with the fork's whole cost as its time. */
    public MachinePeak took(double totalSeconds) {
        return new MachinePeak(schema, threads, fp32Gflops, int8Gops, memoryGbs, tries, totalSeconds, how, skipped);
    }

    /**
     * The peak of the run folder {@code dir}, or empty when it has none or one that cannot be read, which
     * {@code problem} is told in one line: reports go on without a share of the peak.
     */
    public static Optional<MachinePeak> read(Path dir, java.util.function.Consumer<String> problem) {
        try {
            return read(dir);
        } catch (FormatException e) {
            problem.accept(e.getMessage() + "; the cells are shown without a share of the peak");
            return Optional.empty();
        }
    }

    /** The peak of the run folder {@code dir}, if it has one. */
    public static Optional<MachinePeak> read(Path dir) {
        Path file = dir.resolve(RunLayout.PEAK);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            MachinePeak peak = Json.MAPPER.readValue(file.toFile(), MachinePeak.class);
            if (peak == null) {
                throw new FormatException(file + ": not a machine peak (null)");
            }
            Schemas.require(file.toString(), peak.schema(), Schemas.PEAK);
            return Optional.of(peak);
        } catch (IOException e) {
            throw new FormatException(file + ": not a machine peak (" + e.getMessage() + ")");
        }
    }
}
