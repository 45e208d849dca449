package dev.infbench.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One line of a run's {@code journal.jsonl}: the outcome of one cell, appended the moment it is known.
 *
 * @param schema     version of this record's layout ({@link Schemas#JOURNAL} when written now)
 * @param index      1-based position of the cell in the run's grid
 * @param key        canonical parameter string identifying the cell within a run
 * @param round      the round this line's fork ran in (1-based), when the line is one fork of a cell (schema 3);
 *                   null for a line that is a whole cell (a pruned cell, or a cell of a schema 1 or 2 journal)
 * @param params     the JMH {@code @Param} values of the cell, in declaration order
 * @param status     what became of the cell
 * @param reason     why it was pruned or failed; null when OK
 * @param startedAt  ISO-8601 instant the cell started (null for pruned cells)
 * @param finishedAt ISO-8601 instant the outcome was known
 * @param wallSeconds wall time the cell took, forks included
 * @param effective  settings read back from the backend in the fork (what actually ran), or null
 * @param mismatches asked settings that did not take effect (found by measuring), one line each; null or empty when
 *                   everything asked was honoured
 * @param accuracy   the accuracy gate's figures against the fp32 reference, or null when not checked
 * @param rerun      one command that reruns just this cell
 * @param jmh        the cell's complete JMH JSON result object, exactly as JMH wrote it; null unless measured
 *                   (for a fork line, the one fork's result)
 * @param rounds     never in a journal line: for a cell read back from its fork lines, the round of each fork of
 *                   {@code jmh}, in the order of its forks
 * @param probes     the machine-speed probe of each fork of the line: one for a fork line, one per fork (in the
 *                   order of {@code rounds}) for a cell read back from its forks; null when none ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// snake_case like every other file of a run folder: started_at, finished_at, wall_seconds.
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JournalEntry(
        int schema,
        int index,
        String key,
        Integer round,
        Map<String, String> params,
        CellStatus status,
        String reason,
        String startedAt,
        String finishedAt,
        Double wallSeconds,
        JsonNode effective,
        java.util.List<String> mismatches,
        Accuracy accuracy,
        String rerun,
        JsonNode jmh,
        java.util.List<Integer> rounds,
        java.util.List<SpeedProbe> probes) {

    /** A cell that was not run: {@code reason} says why. */
    public static JournalEntry pruned(int index, String key, Map<String, String> params, String reason,
                                      String finishedAt) {
        return new JournalEntry(Schemas.JOURNAL, index, key, null, params, CellStatus.PRUNED, reason, null, finishedAt,
                null, null, null, null, null, null, null, null);
    }

    /** A cell that ran as a whole (older journals; tests): its outcome, and what ran and what JMH measured. */
    public static JournalEntry ran(int index, String key, Map<String, String> params, CellStatus status,
                                   String reason, String startedAt, String finishedAt, double wallSeconds) {
        return new JournalEntry(Schemas.JOURNAL, index, key, null, params, status, reason, startedAt, finishedAt,
                wallSeconds, null, null, null, null, null, null, null);
    }

    /** One fork of a cell, run in {@code round}: its outcome, and (when measured) what ran and what JMH measured. */
    public static JournalEntry fork(int index, String key, int round, Map<String, String> params, CellStatus status,
                                    String reason, String startedAt, String finishedAt, double wallSeconds) {
        return new JournalEntry(Schemas.JOURNAL, index, key, round, params, status, reason, startedAt, finishedAt,
                wallSeconds, null, null, null, null, null, null, null);
    }

    /** True for a line that is one fork of a cell, false for a whole cell. */
    public boolean isFork() {
        return round != null;
    }

    /** True when some asked setting did not take effect. */
    public boolean hasMismatches() {
        return mismatches != null && !mismatches.isEmpty();
    }

    public JournalEntry withStatus(CellStatus newStatus, String newReason) {
        return new JournalEntry(schema, index, key, round, params, newStatus, newReason, startedAt, finishedAt,
                wallSeconds, effective, mismatches, accuracy, rerun, jmh, rounds, probes);
    }

    public JournalEntry withEffective(JsonNode newEffective) {
        return new JournalEntry(schema, index, key, round, params, status, reason, startedAt, finishedAt, wallSeconds,
                newEffective, mismatches, accuracy, rerun, jmh, rounds, probes);
    }

    public JournalEntry withMismatches(java.util.List<String> newMismatches) {
        return new JournalEntry(schema, index, key, round, params, status, reason, startedAt, finishedAt, wallSeconds,
                effective, newMismatches == null || newMismatches.isEmpty() ? null : newMismatches, accuracy, rerun,
                jmh, rounds, probes);
    }

    public JournalEntry withAccuracy(Accuracy newAccuracy) {
        return new JournalEntry(schema, index, key, round, params, status, reason, startedAt, finishedAt, wallSeconds,
                effective, mismatches, newAccuracy, rerun, jmh, rounds, probes);
    }

    public JournalEntry withRerun(String newRerun) {
        return new JournalEntry(schema, index, key, round, params, status, reason, startedAt, finishedAt, wallSeconds,
                effective, mismatches, accuracy, newRerun, jmh, rounds, probes);
    }

    public JournalEntry withJmh(JsonNode newJmh) {
        return new JournalEntry(schema, index, key, round, params, status, reason, startedAt, finishedAt, wallSeconds,
                effective, mismatches, accuracy, rerun, newJmh, rounds, probes);
    }

    public JournalEntry withProbe(SpeedProbe probe) {
        return new JournalEntry(schema, index, key, round, params, status, reason, startedAt, finishedAt, wallSeconds,
                effective, mismatches, accuracy, rerun, jmh, rounds, probe == null ? null : java.util.List.of(probe));
    }

    public JournalEntry withParams(Map<String, String> newParams, String newKey) {
        return new JournalEntry(schema, index, newKey, round, newParams, status, reason, startedAt, finishedAt,
                wallSeconds, effective, mismatches, accuracy, rerun, jmh, rounds, probes);
    }

    public JournalEntry withIndex(int newIndex) {
        return new JournalEntry(schema, newIndex, key, round, params, status, reason, startedAt, finishedAt,
                wallSeconds, effective, mismatches, accuracy, rerun, jmh, rounds, probes);
    }

    /**
     * The cell that {@code forks} (fork lines of one cell, in round order) make together: this first fork's settings
     * and accuracy, every fork's time, the merged JMH result {@code merged}, and the rounds; no round of its own.
     */
    public JournalEntry ofForks(CellStatus newStatus, String newReason, String lastFinishedAt, double totalWall,
                                java.util.List<String> allMismatches, JsonNode merged,
                                java.util.List<Integer> forkRounds, java.util.List<SpeedProbe> forkProbes) {
        return new JournalEntry(schema, index, key, null, params, newStatus, newReason, startedAt, lastFinishedAt,
                totalWall, effective, allMismatches == null || allMismatches.isEmpty() ? null : allMismatches,
                accuracy, rerun, merged, java.util.List.copyOf(forkRounds),
                forkProbes == null || forkProbes.isEmpty() ? null : java.util.List.copyOf(forkProbes));
    }
}
