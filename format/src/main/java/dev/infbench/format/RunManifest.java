package dev.infbench.format;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A run's {@code run.json}: how it was started, where it stands, how it ended. The launcher writes it at the start,
 * after resumes and at the end; readers take it as it is.
 *
 * @param schema         layout version ({@link Schemas#RUN} when written now)
 * @param commandLine    the launcher's arguments
 * @param sweep          the sweep's name
 * @param startedAt      ISO-8601 instant the run began
 * @param state          where the run stands
 * @param finishedAt     ISO-8601 instant it ended, or null while it runs
 * @param cells          cell counts at the end, or null while it runs
 * @param exitStatus     the launcher's exit status, or null while it runs
 * @param warnings       machine hygiene warnings, one line each
 * @param loadAverageEnd the load average at the end
 * @param fileSchemas    the layout version of each file of the folder
 * @param resumedAt      ISO-8601 instants of each {@code --resume}
 * @param rounds         how the cells' forks were scheduled (null in runs before schema 3)
 * @param efficiency     the share of the run's wall time spent in JMH's warmup and measurement iterations (the
 *                       launcher's last invocation), or null while it runs
 * @param batchSearch    the budgets of a batch-size search ({@code --batch-search}), or null for a plain run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunManifest(int schema, List<String> commandLine, String sweep, String startedAt, State state,
                          String finishedAt, Counts cells, Integer exitStatus, List<String> warnings,
                          Map<String, Object> loadAverageEnd, Map<String, Object> fileSchemas,
                          List<String> resumedAt, Rounds rounds, Efficiency efficiency,
                          BatchSearch batchSearch) {

    /** Where a run stands. */
    public enum State {
        /** The launcher is running it, or never reached its end (killed without a word). */
        RUNNING,
        /** Every cell has an outcome. */
        COMPLETE,
        /** It ended with cells left to run (resume it). */
        PARTIAL,
        /** It was stopped: Ctrl-C, SIGTERM, or a write that failed. */
        INTERRUPTED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State of(String label) {
            for (State s : values()) {
                if (s.label().equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown run state '" + label + "'");
        }
    }

    /**
     * The schedule: every cell still in play runs one fork per round, in an order shuffled per round from the seed
     * (cells of one model kept together, so that a change of the machine's speed hits the cells a ratio compares).
     *
     * @param minimum       the rounds every cell runs (the launcher's {@code -f})
     * @param shuffleSeed   the seed of every round's order
     * @param budgetSeconds the run's time budget ({@code --budget}), within which rounds are added for cells whose
     *                      picks are unresolved; null for no budget (the minimum rounds, nothing more)
     * @param run           the rounds run in the end (the minimum, or more where racing added some); null while running
     * @param ended         why the schedule ended: {@code every pick resolved}, {@code budget spent}, ...; null while
     *                      running
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rounds(int minimum, long shuffleSeed, Double budgetSeconds, Integer run, String ended) {
        /** These rounds as they ended. */
        public Rounds ended(int roundsRun, String why) {
            return new Rounds(minimum, shuffleSeed, budgetSeconds, roundsRun, why);
        }
    }

    /**
     * How much of the run's wall time went into measuring.
     *
     * @param iterationSeconds seconds of JMH warmup and measurement iterations, over every fork run
     * @param wallSeconds      the launcher's wall time
     * @param ratio            iterations over wall time
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Efficiency(double iterationSeconds, double wallSeconds, double ratio) {
    }

    /** This manifest with its schedule as it ended and its efficiency. */
    public RunManifest withSchedule(Rounds newRounds, Efficiency newEfficiency) {
        return new RunManifest(schema, commandLine, sweep, startedAt, state, finishedAt, cells, exitStatus, warnings,
                loadAverageEnd, fileSchemas, resumedAt, newRounds, newEfficiency, batchSearch);
    }

    /**
     * A batch-size search's budgets: each configuration's batch doubles from the smallest asked up to
     * {@code maxBatch}, until a fork's peak resident memory goes over {@code maxMemoryMib}, its p99 over
     * {@code slaMs}, or it fails; the larger batches are then pruned with that reason.
     *
     * @param maxBatch     the largest batch the search tries
     * @param maxMemoryMib the memory budget ({@code --max-memory}), MiB, or null for none
     * @param slaMs        the latency budget ({@code --sla-ms}), p99 ms, or null for none
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BatchSearch(int maxBatch, Double maxMemoryMib, Double slaMs) {
        public BatchSearch {
            for (Double budget : new Double[] {maxMemoryMib, slaMs}) {
                if (budget != null && !(budget > 0 && Double.isFinite(budget))) {
                    throw new IllegalArgumentException("a batch-search budget must be a positive number, not "
                            + budget);
                }
            }
            if (maxBatch < 1) {
                throw new IllegalArgumentException("max_batch must be at least 1, not " + maxBatch);
            }
        }
    }

    /** This manifest as the start of a batch-size search with these budgets. */
    public RunManifest withBatchSearch(BatchSearch search) {
        return new RunManifest(schema, commandLine, sweep, startedAt, state, finishedAt, cells, exitStatus, warnings,
                loadAverageEnd, fileSchemas, resumedAt, rounds, efficiency, search);
    }

    /** Cell counts at the end of a run. */
    public record Counts(int total, long measured, long failed, long pruned, long missing) {
    }

    /** The manifest of a run that starts now. */
    public static RunManifest starting(List<String> commandLine, String sweep, String startedAt,
                                       Map<String, Object> fileSchemas, Rounds rounds) {
        return new RunManifest(Schemas.RUN, List.copyOf(commandLine), sweep, startedAt, State.RUNNING, null, null, null,
                null, null, fileSchemas, null, rounds, null, null);
    }

    public RunManifest withState(State newState) {
        return new RunManifest(schema, commandLine, sweep, startedAt, newState, finishedAt, cells, exitStatus, warnings,
                loadAverageEnd, fileSchemas, resumedAt, rounds, efficiency, batchSearch);
    }

    /** This manifest with {@code warning} appended. */
    public RunManifest withWarning(String warning) {
        List<String> all = new ArrayList<>(warnings == null ? List.of() : warnings);
        all.add(warning);
        return new RunManifest(schema, commandLine, sweep, startedAt, state, finishedAt, cells, exitStatus, all,
                loadAverageEnd, fileSchemas, resumedAt, rounds, efficiency, batchSearch);
    }

    /** This manifest resumed at {@code at}: running again, with the time recorded. */
    public RunManifest resumed(String at) {
        List<String> all = new ArrayList<>(resumedAt == null ? List.of() : resumedAt);
        all.add(at);
        return new RunManifest(Schemas.RUN, commandLine, sweep, startedAt, State.RUNNING, finishedAt, cells, exitStatus,
                warnings, loadAverageEnd, fileSchemas, all, rounds, efficiency, batchSearch);
    }

    /** This manifest as the run ends: its state, time, counts, exit status and the load at the end. */
    public RunManifest ended(State newState, String at, Counts counts, Integer status, Map<String, Object> load) {
        return new RunManifest(schema, commandLine, sweep, startedAt, newState, at, counts, status, warnings, load,
                fileSchemas, resumedAt, rounds, efficiency, batchSearch);
    }

    /** This manifest stopped at {@code at} (interrupted): nothing else changes. */
    public RunManifest interrupted(String at) {
        return new RunManifest(schema, commandLine, sweep, startedAt, State.INTERRUPTED, at, cells, exitStatus,
                warnings, loadAverageEnd, fileSchemas, resumedAt, rounds, efficiency, batchSearch);
    }

    /**
     * Reads {@code runDir/run.json}; empty when the folder has none (a JMH JSON file's report, say).
     *
     * @throws FormatException naming the file when it is unreadable, malformed or newer than known
     */
    public static Optional<RunManifest> read(Path runDir) {
        Path file = runDir.resolve(RunLayout.RUN);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new FormatException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            int schema = Json.MAPPER.readTree(text).path("schema").asInt(0);
            Schemas.require(file.toString(), schema, Schemas.RUN);
            RunManifest manifest = Json.MAPPER.readValue(text, RunManifest.class);
            if (manifest == null) {
                throw new FormatException(file + ": not a run manifest (null)");
            }
            return Optional.of(manifest);
        } catch (JsonProcessingException e) {
            throw new FormatException(file + ": " + Json.describe(e), e);
        }
    }
}
