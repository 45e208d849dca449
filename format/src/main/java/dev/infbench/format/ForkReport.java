package dev.infbench.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a cell's fork hands back to the launcher ({@link RunLayout#CELL_REPORT}, written before timing starts): the
 * settings that actually took effect, the asked ones that did not, and the accuracy gate's figures. The launcher
 * puts them into the cell's journal line.
 *
 * @param effective       what ran, read back in the fork (backend-specific keys, snake_case)
 * @param mismatches      asked settings that did not take effect, one line each
 * @param accuracy        the accuracy gate's figures, or null when not checked
 * @param accuracySummary the gate's verdict in one line, or null
 * @param outputsDiffer   a later fork's outputs that differ from the first fork's, in one line; null when they agree
 *                        (or in the first fork, which runs the gate instead)
 * @param probe           the machine-speed probe the fork ran just before its first timed call, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ForkReport(JsonNode effective, List<String> mismatches, Accuracy accuracy, String accuracySummary,
                         String outputsDiffer, SpeedProbe probe) {

    /** Writes the report under a temporary name and moves it in place: the launcher never reads half of it. */
    public void write(Path file) throws IOException {
        Json.writeAtomically(file, this);
    }

    /** Reads a report a fork wrote. */
    public static ForkReport read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), ForkReport.class);
    }
}
