package dev.infbench.launcher;

import dev.infbench.backend.Backends;
import dev.infbench.backend.Capability;
import dev.infbench.bench.InferenceBenchmark;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Sweep;
import dev.infbench.config.UsageException;
import dev.infbench.model.InputPlanException;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

/** The cells of a run, each either to run or pruned with its reason, and how long the run should take. */
final class Plan {
    /** Beyond this many cells a sweep is almost surely a mistake (and would take days). */
    static final int MAX_CELLS = 20_000;
    /** Seconds a fork needs before its first iteration: JVM start, model load, session creation. */
    static final double FORK_OVERHEAD_S = 3.0;

    /** One cell of the plan. {@code capability} says whether it runs. */
    record Cell(int index, String benchmark, CellConfig config, Capability capability) {
        String key() {
            return shortName(benchmark) + " " + config.key();
        }
    }

    final Sweep sweep;
    final List<Cell> cells;
    /** Rounds every cell runs: one fork of each cell per round (JMH's {@code -f}, else the benchmark's forks). */
    final int rounds;
    final double secondsPerFork;
    /** JMH's measurement iteration time, seconds ({@code -r}, else the benchmark's). */
    final double measurementSeconds;
    /** Seconds of warmup and measurement iterations per fork. */
    final double iterationSeconds;
    /** JMH's measurement iterations per fork. */
    final int measurementIterations;

    private Plan(Sweep sweep, List<Cell> cells, Options jmh) {
        this.sweep = sweep;
        this.cells = cells;
        this.rounds = rounds(jmh);
        this.secondsPerFork = estimateSecondsPerFork(jmh);
        this.measurementSeconds = seconds(jmh.getMeasurementTime().orElse(new TimeValue(InferenceBenchmark.class
                .getAnnotation(Measurement.class).time(), InferenceBenchmark.class.getAnnotation(Measurement.class)
                .timeUnit())));
        this.iterationSeconds = secondsPerFork - FORK_OVERHEAD_S;
        this.measurementIterations = jmh.getMeasurementIterations().orElse(InferenceBenchmark.class
                .getAnnotation(Measurement.class).iterations());
    }

    /** Makes what the plan must read before it can check the cells: the models' reference files. */
    @FunctionalInterface
    interface Preparation {
        void prepare(List<CellConfig> configs) throws UsageException, CannotRunException, IOException;
    }

    /** The plan, reading the models as this JVM finds them (tests: generated files are made here). */
    static Plan of(Sweep sweep, List<String> benchmarks, Options jmh) throws UsageException {
        try {
            return of(sweep, benchmarks, jmh, configs -> { });
        } catch (CannotRunException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plan, once {@code preparation} has made the models' reference files. */
    static Plan of(Sweep sweep, List<String> benchmarks, Options jmh, Preparation preparation)
            throws UsageException, CannotRunException, IOException {
        long total = benchmarks.size() * sweep.size();
        if (total > MAX_CELLS) {
            throw new UsageException("the sweep has " + total + " cells, more than " + MAX_CELLS
                    + "; narrow it with -p");
        }
        List<CellConfig> configs = sweep.expand();
        rejectOptionsNoBackendTakes(configs);
        preparation.prepare(configs);
        List<Cell> cells = new ArrayList<>();
        for (String benchmark : benchmarks) {
            for (CellConfig c : configs) {
                String mismatch = dev.infbench.config.Scenario.mismatch(c);
                Capability capability = mismatch != null ? Capability.unsupported(mismatch) : check(c);
                // A serving scenario runs the serving benchmark in place of the closed loop.
                String method = c.scenario() != dev.infbench.config.Scenario.SINGLE
                        && benchmark.equals(Launcher.DEFAULT_BENCHMARK) ? Launcher.SERVE_BENCHMARK : benchmark;
                cells.add(new Cell(cells.size() + 1, method, c, capability));
            }
        }
        return new Plan(sweep, List.copyOf(cells), jmh);
    }

    /**
     * A backend that does not know an option prunes the cell, since another backend of the sweep may know it;
     * but an options value that no backend of the sweep accepts is a typo, and stops the run before it starts.
     */
    private static void rejectOptionsNoBackendTakes(List<CellConfig> configs) throws UsageException {
        Map<String, String> firstError = new LinkedHashMap<>();
        Map<String, Boolean> acceptedSomewhere = new LinkedHashMap<>();
        for (CellConfig c : configs) {
            String error = Backends.optionsError(c);
            acceptedSomewhere.merge(c.options(), error == null, Boolean::logicalOr);
            if (error != null) {
                firstError.putIfAbsent(c.options(), error);
            }
        }
        for (Map.Entry<String, Boolean> e : acceptedSomewhere.entrySet()) {
            if (!e.getValue()) {
                throw new UsageException("-p options=" + e.getKey() + ": " + firstError.get(e.getKey()));
            }
        }
    }

    /** Whether the cell can run here; a model file that cannot be read or is refused stops the run before it starts. */
    private static Capability check(CellConfig c) throws UsageException {
        Capability capability;
        try {
            capability = Backends.check(c);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException("-p model=" + c.model() + ": " + e.getMessage());
        }
        return capability.supported() ? inputsCheck(c) : capability;
    }

    /**
     * Plans the cell's inputs from the model's graph, as the fork will. An input that no cell of the model could
     * fill is a usage error (stop before anything runs, naming the input and how to supply it); one that only this
     * cell's batch or sequence length cannot fill prunes the cell.
     */
    private static Capability inputsCheck(CellConfig c) throws UsageException {
        try {
            ModelInputs.plan(ModelCatalog.get(c.model()), c.batch(), c.seq(), c.shape());
            return Capability.yes();
        } catch (InputPlanException e) {
            if (e.cellSpecific()) {
                return Capability.unsupported(e.getMessage());
            }
            throw new UsageException("-p model=" + c.model() + ": " + e.getMessage());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException("-p model=" + c.model() + ": " + e.getMessage());
        }
    }

    List<Cell> toRun() {
        return cells.stream().filter(c -> c.capability().supported()).toList();
    }

    List<Cell> pruned() {
        return cells.stream().filter(c -> !c.capability().supported()).toList();
    }

    /** The rounds: JMH's {@code -f}, else the benchmark's {@code @Fork}; at least 1. */
    static int rounds(Options jmh) {
        return Math.max(1, jmh.getForkCount().orElse(InferenceBenchmark.class.getAnnotation(Fork.class).value()));
    }

    /** Seconds per cell: rounds × one fork. */
    static double estimateSecondsPerCell(Options jmh) {
        return rounds(jmh) * estimateSecondsPerFork(jmh);
    }

    /** Whether a cell is a serving scenario's: its fork runs until its load is stable, however long that takes. */
    static boolean serving(Cell c) {
        return c.benchmark().equals(Launcher.SERVE_BENCHMARK);
    }

    /**
     * The estimate of {@code forks} forks of which {@code servingForks} are serving forks: the closed loops' time
     * from the JMH options, and the serving forks said apart, since their length depends on the rate the model
     * serves (a step of {@link dev.infbench.load.RateSearch#MIN_REQUESTS}+ requests until stable, a search several).
     */
    String estimate(int forks, int servingForks) {
        String closed = Durations.format((forks - servingForks) * secondsPerFork);
        if (servingForks == 0) {
            return closed;
        }
        String serving = String.format(Locale.ROOT, "%d serving fork%s of minutes each (a step of %d+ requests until"
                + " stable, a rate search several steps)", servingForks, servingForks == 1 ? "" : "s",
                dev.infbench.load.RateSearch.MIN_REQUESTS);
        return forks == servingForks ? serving : closed + " for the closed loops, and " + serving;
    }

    /**
     * What is left of a run: {@code forks} forks, {@code servingForks} of them serving forks, the closed loops at
     * {@code secondsPerClosedFork} each (as measured so far); the serving forks counted apart, as in {@link #estimate}.
     */
    String remaining(int forks, int servingForks, double secondsPerClosedFork) {
        int closedForks = Math.max(0, forks - servingForks);
        String closed = Durations.format(closedForks * secondsPerClosedFork);
        if (servingForks == 0) {
            return closed;
        }
        String serving = servingForks + " serving fork" + (servingForks == 1 ? "" : "s");
        return closedForks == 0 ? serving : closed + " + " + serving;
    }

    /** Start-up + warmup + measurement of one fork, from the JMH options or else the benchmark's annotations. */
    static double estimateSecondsPerFork(Options jmh) {
        Warmup warmup = InferenceBenchmark.class.getAnnotation(Warmup.class);
        Measurement measurement = InferenceBenchmark.class.getAnnotation(Measurement.class);
        int wi = jmh.getWarmupIterations().orElse(warmup.iterations());
        double w = seconds(jmh.getWarmupTime().orElse(new TimeValue(warmup.time(), warmup.timeUnit())));
        int mi = jmh.getMeasurementIterations().orElse(measurement.iterations());
        double r = seconds(jmh.getMeasurementTime().orElse(new TimeValue(measurement.time(), measurement.timeUnit())));
        return FORK_OVERHEAD_S + wi * w + mi * r;
    }

    private static double seconds(TimeValue t) {
        return t.convertTo(TimeUnit.MILLISECONDS) / 1000.0;
    }

    static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }
}
