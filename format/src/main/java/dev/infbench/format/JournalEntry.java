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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// snake_case like every other file of a run folder: started_at, finished_at, wall_seconds.
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JournalEntry(
        int schema,
        int index,
        String key,
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
        JsonNode jmh) {

    /** A cell that was not run: {@code reason} says why. */
    public static JournalEntry pruned(int index, String key, Map<String, String> params, String reason,
                                      String finishedAt) {
        return new JournalEntry(Schemas.JOURNAL, index, key, params, CellStatus.PRUNED, reason, null, finishedAt, null,
                null, null, null, null, null);
    }

    /** A cell that ran: its outcome, and (when measured) what ran and what JMH measured. */
    public static JournalEntry ran(int index, String key, Map<String, String> params, CellStatus status,
                                   String reason, String startedAt, String finishedAt, double wallSeconds) {
        return new JournalEntry(Schemas.JOURNAL, index, key, params, status, reason, startedAt, finishedAt, wallSeconds,
                null, null, null, null, null);
    }

    /** True when some asked setting did not take effect. */
    public boolean hasMismatches() {
        return mismatches != null && !mismatches.isEmpty();
    }

    public JournalEntry withStatus(CellStatus newStatus, String newReason) {
        return new JournalEntry(schema, index, key, params, newStatus, newReason, startedAt, finishedAt, wallSeconds,
                effective, mismatches, accuracy, rerun, jmh);
    }

    public JournalEntry withEffective(JsonNode newEffective) {
        return new JournalEntry(schema, index, key, params, status, reason, startedAt, finishedAt, wallSeconds,
                newEffective, mismatches, accuracy, rerun, jmh);
    }

    public JournalEntry withMismatches(java.util.List<String> newMismatches) {
        return new JournalEntry(schema, index, key, params, status, reason, startedAt, finishedAt, wallSeconds,
                effective, newMismatches == null || newMismatches.isEmpty() ? null : newMismatches, accuracy, rerun,
                jmh);
    }

    public JournalEntry withAccuracy(Accuracy newAccuracy) {
        return new JournalEntry(schema, index, key, params, status, reason, startedAt, finishedAt, wallSeconds,
                effective, mismatches, newAccuracy, rerun, jmh);
    }

    public JournalEntry withRerun(String newRerun) {
        return new JournalEntry(schema, index, key, params, status, reason, startedAt, finishedAt, wallSeconds,
                effective, mismatches, accuracy, newRerun, jmh);
    }

    public JournalEntry withJmh(JsonNode newJmh) {
        return new JournalEntry(schema, index, key, params, status, reason, startedAt, finishedAt, wallSeconds,
                effective, mismatches, accuracy, rerun, newJmh);
    }

    public JournalEntry withParams(Map<String, String> newParams, String newKey) {
        return new JournalEntry(schema, index, newKey, newParams, status, reason, startedAt, finishedAt, wallSeconds,
                effective, mismatches, accuracy, rerun, jmh);
    }

    public JournalEntry withIndex(int newIndex) {
        return new JournalEntry(schema, newIndex, key, params, status, reason, startedAt, finishedAt, wallSeconds,
                effective, mismatches, accuracy, rerun, jmh);
    }
}
