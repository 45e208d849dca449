package dev.infbench.launcher;

import dev.infbench.bench.InferenceBenchmark;
import dev.infbench.bench.ProfileFork;
import dev.infbench.format.CellStatus;
import dev.infbench.format.Json;
import dev.infbench.format.ProfileFiles;
import dev.infbench.format.JournalEntry;
import dev.infbench.format.Params;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.report.text.TerminalText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code --profile}, after the measured rounds and outside them: every measured cell once more with its backend's
 * own profiler ({@link ProfileFork}, a JVM of its own, a bounded number of calls), and one pipeline fork per model
 * ({@link InferenceBenchmark#pipeline}, a JMH fork like a cell's) whose calls time preprocess, model and
 * postprocess. Their results go to {@code profiles/}, never into the journal: they are not cells (a profiled call
 * carries the profiler's cost, a pipeline call the stages around the model) and never enter picks or comparisons.
 * A profile that fails is a line in its file and in the report; the run goes on.
 */
final class ProfileStep {
    static final String PIPELINE_BENCHMARK = InferenceBenchmark.class.getName() + ".pipeline";
    /** The profiled calls take about this long (the profiler's own cost aside). */
    static final double PROFILED_MS = 2000;
    static final int MIN_CALLS = 3;
    static final int MAX_CALLS = 30;
    private static final long TIMEOUT_SECONDS = 180;

    private ProfileStep() {
    }

    static void run(RunFolder folder, List<JournalEntry> entries, CellRunner runner, PrintStream out)
            throws IOException {
        Files.createDirectories(folder.dir.resolve(RunLayout.PROFILES));
        List<Cell> measured = Cell.all(entries).stream().filter(c -> c.status() == CellStatus.OK
                && c.metrics().isPresent()).toList();
        for (Cell cell : measured) {
            int calls = calls(cell.metrics().get());
            out.printf(Locale.ROOT, "profile cell %d: %d calls with its backend's profiler%n", cell.index(), calls);
            Path trace = RunLayout.profileTrace(folder.dir, cell.index());
            Path meta = RunLayout.profileMeta(folder.dir, cell.index());
            Path result = Files.createTempFile("infbench-profile", ".json");
            try {
                Optional<String> failure = ChildJvm.run(ProfileFork.class, List.of(Json.MAPPER.writeValueAsString(
                        cell.params()), Integer.toString(calls), trace.toString(), result.toString()), result,
                        RunLayout.profileLog(folder.dir, cell.index()), TIMEOUT_SECONDS,
                        TimeUnit.SECONDS, "profiling cell " + cell.index());
                ProfileFiles.CellProfile profile;
                if (failure.isPresent()) {
                    profile = ProfileFiles.CellProfile.failed(failure.get());
                } else {
                    try {
                        profile = Json.MAPPER.readValue(result.toFile(), ProfileFiles.CellProfile.class);
                    } catch (IOException e) {
                        profile = ProfileFiles.CellProfile.failed("the profiling JVM wrote no readable result ("
                                + e.getMessage() + ")");
                    }
                }
                profile = profile.of(cell.index(), cell.params());
                folder.writeJson(folder.dir.relativize(meta).toString(), profile);
                if (profile.error() != null) {
                    out.println("  not profiled: " + TerminalText.oneLine(profile.error()));
                }
            } finally {
                Files.deleteIfExists(result);
            }
        }
        for (Cell cell : pipelineCells(measured)) {
            out.printf(Locale.ROOT, "pipeline fork at cell %d: preprocess, model and postprocess timed in each"
                    + " call%n", cell.index());
            dev.infbench.config.CellConfig config;
            try {
                config = dev.infbench.config.CellConfig.of(config(cell.params()));
            } catch (dev.infbench.config.UsageException e) {
                out.println("  no pipeline fork: " + TerminalText.oneLine(e.getMessage()));
                continue;
            }
            CellRunner.Outcome o = runner.run(PIPELINE_BENCHMARK, config, 1, false,
                    RunLayout.pipelineLog(folder.dir, cell.index()), folder.file(RunLayout.CELL_REPORT),
                    RunLayout.forkOutputs(folder.dir, cell.index()), null);
            if (o.reason() != null) {
                out.println("  " + TerminalText.oneLine(o.status() + ": " + o.reason()));
            }
            folder.writeJson(folder.dir.relativize(RunLayout.pipeline(folder.dir, cell.index())).toString(),
                    new ProfileFiles.Pipeline(cell.index(), cell.params(), o.status(), o.reason(), o.effective(),
                            o.jmh()));
        }
    }

    /** Enough calls for about {@link #PROFILED_MS} at the cell's median, within bounds. */
    static int calls(CellMetrics m) {
        Double p50 = m.p50Ms();
        if (p50 == null || !(p50 > 0)) {
            return MIN_CALLS;
        }
        return (int) Math.max(MIN_CALLS, Math.min(MAX_CALLS, Math.ceil(PROFILED_MS / p50)));
    }

    /**
     * One cell per model for the pipeline: its baseline where measured (fp32, the smallest batch), else its first
     * cell; the lowest index among equals.
     */
    static List<Cell> pipelineCells(List<Cell> measured) {
        Map<String, Cell> byModel = new LinkedHashMap<>();
        Comparator<Cell> preference = Comparator
                .comparing((Cell c) -> !Params.BASELINE_PRECISION.equals(c.params().get(Params.PRECISION)))
                .thenComparingInt(c -> parse(c.params().get(Params.BATCH)))
                .thenComparingInt(Cell::index);
        for (Cell c : measured) {
            byModel.merge(c.params().get(Params.MODEL), c, (a, b) -> preference.compare(a, b) <= 0 ? a : b);
        }
        return List.copyOf(byModel.values());
    }

    private static int parse(String batch) {
        try {
            return Integer.parseInt(batch);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static Map<dev.infbench.config.Parameter, String> config(Map<String, String> params) {
        Map<dev.infbench.config.Parameter, String> values = new java.util.EnumMap<>(dev.infbench.config.Parameter.class);
        params.forEach((k, v) -> dev.infbench.config.Parameter.byKey(k).ifPresent(p -> values.put(p, v)));
        return values;
    }
}
