package dev.infbench.bench;

import dev.infbench.env.FileErrors;
import dev.infbench.env.ProcessThreads;
import dev.infbench.format.Accuracy;
import dev.infbench.format.ForkReport;
import dev.infbench.format.Json;
import dev.infbench.format.SpeedProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands what actually ran from the fork to the launcher: the fork writes the effective settings to the file
 * named by the system property {@value #PROPERTY}, which the launcher sets per cell and reads after the cell.
 */
public final class CellReport {
    /** System property holding the report file's path. */
    public static final String PROPERTY = "infbench.cell.report";

    /** The pipeline's stages, when this fork runs the pipeline benchmark; added to the effective settings. */
    private static final Map<String, Object> STAGES = new LinkedHashMap<>();
    /** The last report written, so that the pipeline's stages can be added whichever setup runs first. */
    private static Runnable rewrite;

    private CellReport() {
    }

    /** Adds what the pipeline's preprocessing and postprocessing do to the report (rewritten if written already). */
    static synchronized void stages(String preprocess, String postprocess) {
        STAGES.put("pipeline_preprocess", preprocess);
        STAGES.put("pipeline_postprocess", postprocess);
        if (rewrite != null) {
            rewrite.run();
        }
    }

    /** Adds one setting of the serving scenario (its request pool, how its search ended); rewrites the report. */
    static synchronized void note(String key, Object value) {
        STAGES.put(key, value);
        if (rewrite != null) {
            rewrite.run();
        }
    }

    static synchronized void write(String precision, Map<String, Object> effective, List<String> mismatches,
                      Accuracy accuracy, String outputsDiffer, SpeedProbe probe) {
        rewrite = () -> writeNow(precision, effective, mismatches, accuracy, outputsDiffer, probe);
        rewrite.run();
    }

    private static void writeNow(String precision, Map<String, Object> effective, List<String> mismatches,
                                 Accuracy accuracy, String outputsDiffer, SpeedProbe probe) {
        String target = System.getProperty(PROPERTY);
        if (target == null) {
            return; // run by plain JMH, without the launcher: nobody to tell
        }
        Map<String, Object> settings = new LinkedHashMap<>(effective);
        settings.putAll(STAGES);
        settings.put("available_processors", Runtime.getRuntime().availableProcessors());
        settings.put("process_threads_after_setup", ProcessThreads.count());
        settings.put("fork_pid", ProcessHandle.current().pid());
        ForkReport report = new ForkReport(Json.MAPPER.valueToTree(settings), mismatches, accuracy,
                accuracy == null ? null : accuracy.summary(precision), outputsDiffer, probe);
        Path file = Path.of(target);
        try {
            report.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cell report " + file + ": " + FileErrors.reason(e), e);
        }
    }
}
