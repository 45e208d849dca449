package dev.infbench.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.bench.CellReport;
import dev.infbench.bench.ForkRole;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.format.Accuracy;
import dev.infbench.format.CellStatus;
import dev.infbench.format.ForkReport;
import dev.infbench.format.Json;
import dev.infbench.format.SpeedProbe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs one fork of a cell (one round) as its own JMH run of one forked JVM, and reports what became of it. Nothing
 * native is loaded here: a crashing model or backend takes down a fork, never the launcher holding the journal.
 */
final class CellRunner {
    /** Outcome of one fork. Everything but status and reason is null (or empty) unless it was measured. */
    record Outcome(CellStatus status, String reason, JsonNode jmh, JsonNode effective, List<String> mismatches,
                   Accuracy accuracy, SpeedProbe probe) {
        static Outcome failed(String reason) {
            return new Outcome(CellStatus.FAILED, reason, null, null, List.of(), null, null);
        }
    }

    private final Options jmhOptions;
    private final boolean verbose;
    private final double slaMs;

    CellRunner(Options jmhOptions, boolean verbose, double slaMs) {
        this.jmhOptions = jmhOptions;
        this.verbose = verbose;
        this.slaMs = slaMs;
    }

    /**
     * Runs one fork.
     *
     * @param round      the round, for the log
     * @param firstFork  true for the cell's first fork: it runs the accuracy gate and writes {@code outputs}; a later
     *                   fork checks its outputs against {@code outputs}
     * @param log        the cell's log, appended to
     * @param reportFile where the fork hands back its settings
     * @param outputs    the digest of the first fork's outputs
     * @param measurement the measurement iterations' length in seconds, or null for the run's own
     */
    Outcome run(String benchmark, CellConfig cell, int round, boolean firstFork, Path log, Path reportFile,
                Path outputs, Double measurement) throws IOException {
        Files.deleteIfExists(reportFile);
        ChainedOptionsBuilder b = new OptionsBuilder()
                .parent(jmhOptions)
                .include("^" + Pattern.quote(benchmark) + "$")
                // One fork per run: the launcher's rounds are the forks (see SweepRun).
                .forks(1)
                // Without it, JMH turns a failed fork into an empty result and the cell silently vanishes.
                .shouldFailOnError(true)
                // Peak memory of the fork, as secondary results of JMH's own (see ForkProfiler).
                .addProfiler(dev.infbench.bench.ForkProfiler.class);
        for (Parameter p : Parameter.values()) {
            b.param(p.key(), cell.get(p));
        }
        List<String> append = new ArrayList<>(jmhOptions.getJvmArgsAppend().orElse(List.of()));
        boolean serving = benchmark.equals(Launcher.SERVE_BENCHMARK);
        if (serving) {
            // One invocation drives the whole load (ServingFork): the run's warmup and iteration time become the
            // load's warmup and window length, and the SLA its search's.
            b.mode(org.openjdk.jmh.annotations.Mode.SingleShotTime).warmupIterations(0).measurementIterations(1)
                    .measurementBatchSize(1).threads(1)
                    // A rate search is many load steps in one invocation: JMH's 10 minutes would cut it short.
                    .timeout(TimeValue.minutes(120));
            append.add("-D" + dev.infbench.bench.InferenceBenchmark.SLA_PROPERTY + "=" + slaMs);
            append.add("-D" + dev.infbench.bench.InferenceBenchmark.WARMUP_PROPERTY + "=" + warmupSeconds());
            append.add("-D" + dev.infbench.bench.InferenceBenchmark.WINDOW_PROPERTY + "=" + windowSeconds());
        }
        if (measurement != null && !serving) {
            // A slow cell's first fork timed too few calls: later forks measure longer (see SweepRun.stretch).
            b.measurementTime(TimeValue.milliseconds(Math.round(measurement * 1000)));
        }
        append.add("-D" + CellReport.PROPERTY + "=" + reportFile.toAbsolutePath());
        append.add("-D" + ForkRole.FIRST + "=" + firstFork);
        append.add("-D" + ForkRole.OUTPUTS + "=" + outputs.toAbsolutePath());
        b.jvmArgsAppend(append.toArray(String[]::new));

        Files.createDirectories(log.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             PrintStream out = new PrintStream(verbose ? new Tee(file, System.out) : file, true, StandardCharsets.UTF_8)) {
            out.println("# round " + round + (firstFork ? " (first fork: accuracy gate, FLOPs, output digest)"
                    : " (checks its outputs against the first fork's)"));
            // JMH's own warning that follows is expected: the launcher holds JMH's lock itself, for the whole run.
            out.println("# infbench holds " + HostLock.file() + " for the whole run, so JMH's per-cell lock check is"
                    + " off (" + HostLock.JMH_IGNORE_LOCK + ")");
            Collection<RunResult> results;
            try {
                results = new Runner(b.build(), OutputFormatFactory.createFormatInstance(out,
                        jmhOptions.verbosity().orElse(VerboseMode.NORMAL))).run();
            } catch (Exception | LinkageError e) {
                out.flush();
                return Outcome.failed(FailureCause.describe(e, log));
            }
            if (results.size() != 1) {
                return Outcome.failed("JMH returned " + results.size() + " results for one cell; see "
                        + log.getFileName());
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            try (PrintStream ps = new PrintStream(json, true, StandardCharsets.UTF_8)) {
                ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
            }
            JsonNode array = Json.MAPPER.readTree(json.toByteArray());
            if (!Files.exists(reportFile)) {
                return new Outcome(CellStatus.OK, null, array.get(0), null, List.of(), null, null);
            }
            ForkReport report = ForkReport.read(reportFile);
            Files.deleteIfExists(reportFile);
            Accuracy accuracy = report.accuracy();
            CellStatus status = CellStatus.OK;
            String reason = null;
            if (accuracy != null && !accuracy.passed()) {
                status = CellStatus.INACCURATE;
                reason = report.accuracySummary() != null ? report.accuracySummary() : "accuracy outside its threshold";
            } else if (report.outputsDiffer() != null) {
                status = CellStatus.INACCURATE;
                reason = report.outputsDiffer();
            }
            return new Outcome(status, reason, array.get(0), report.effective(),
                    report.mismatches() == null ? List.of() : report.mismatches(), accuracy, report.probe());
        }
    }

    /** The run's warmup (iterations × time), seconds: a serving fork's warmup calls before its load. */
    double warmupSeconds() {
        org.openjdk.jmh.annotations.Warmup w = dev.infbench.bench.InferenceBenchmark.class.getAnnotation(
                org.openjdk.jmh.annotations.Warmup.class);
        int iterations = jmhOptions.getWarmupIterations().orElse(w.iterations());
        TimeValue time = jmhOptions.getWarmupTime().orElse(new TimeValue(w.time(), w.timeUnit()));
        return iterations * time.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0;
    }

    /** The run's measurement iteration time, seconds: a serving fork's window of arrivals. */
    double windowSeconds() {
        org.openjdk.jmh.annotations.Measurement m = dev.infbench.bench.InferenceBenchmark.class.getAnnotation(
                org.openjdk.jmh.annotations.Measurement.class);
        TimeValue time = jmhOptions.getMeasurementTime().orElse(new TimeValue(m.time(), m.timeUnit()));
        return time.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0;
    }

    /** Writes to the cell's log and, with --verbose, to the console too. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
