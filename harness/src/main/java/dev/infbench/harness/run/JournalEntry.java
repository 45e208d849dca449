package dev.infbench.harness.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One line of a run's {@code journal.jsonl}: the outcome of one cell, appended the moment it is known.
 *
 * @param schema     version of this record's layout ({@link #SCHEMA})
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
        JsonNode accuracy,
        String rerun,
        JsonNode jmh) {

    /** Current layout version of journal lines. */
    public static final int SCHEMA = 1;

    /** True when some asked setting did not take effect. */
    public boolean hasMismatches() {
        return mismatches != null && !mismatches.isEmpty();
    }
}
