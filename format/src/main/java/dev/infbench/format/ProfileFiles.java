package dev.infbench.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * The files of a run's {@code profiles/} folder besides the raw traces: what {@code --profile} wrote for each profiled
 * cell and each pipeline fork. One definition for the child JVM that writes them, the launcher that completes them and
 * the harness that reads them; the harness reads them as untrusted (a run folder may come from anywhere).
 */
public final class ProfileFiles {
    private ProfileFiles() {
    }

    /**
     * {@code profiles/cell-NNN.profile.json} ({@link RunLayout#profileMeta}): the backend profiler's run of one cell,
     * or why there is none.
     *
     * @param index   the cell's index in the run (set by the launcher)
     * @param params  the cell's parameters (set by the launcher)
     * @param profile what the profiler recorded; null when {@code error} says why not
     * @param error   why the cell was not profiled; null when it was
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CellProfile(Integer index, Map<String, String> params, OperatorProfile profile, String error) {
        public static CellProfile of(OperatorProfile profile) {
            return new CellProfile(null, null, profile, null);
        }

        public static CellProfile failed(String error) {
            return new CellProfile(null, null, null, error);
        }

        /** This profile as the launcher files it: under the cell's index and parameters. */
        public CellProfile of(int cellIndex, Map<String, String> cellParams) {
            return new CellProfile(cellIndex, cellParams, profile, error);
        }
    }

    /**
     * {@code profiles/pipeline-NNN.json} ({@link RunLayout#pipeline}): the pipeline fork run at a model's cell, its
     * stage clocks in its JMH result's secondary metrics ({@link ForkMetrics#STAGES}).
     *
     * @param index     the cell whose configuration the pipeline fork ran
     * @param params    that cell's parameters
     * @param status    what became of the fork
     * @param reason    why it failed; null when it ran
     * @param effective the settings the fork read back, with what its stages did ({@code pipeline_preprocess}, ...)
     * @param jmh       the fork's JMH result; null when it failed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pipeline(int index, Map<String, String> params, CellStatus status, String reason, JsonNode effective,
                           JsonNode jmh) {
    }
}
