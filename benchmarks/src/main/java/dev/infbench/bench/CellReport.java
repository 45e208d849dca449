package dev.infbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.infbench.accuracy.AccuracyResult;
import dev.infbench.env.FileErrors;
import dev.infbench.env.ProcessThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CellReport() {
    }

    static void write(String precision, Map<String, Object> effective, List<String> mismatches,
                      AccuracyResult accuracy) {
        String target = System.getProperty(PROPERTY);
        if (target == null) {
            return; // run by plain JMH, without the launcher: nobody to tell
        }
        Map<String, Object> settings = new LinkedHashMap<>(effective);
        settings.put("available_processors", Runtime.getRuntime().availableProcessors());
        settings.put("process_threads_after_setup", ProcessThreads.count());
        settings.put("fork_pid", ProcessHandle.current().pid());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("effective", settings);
        report.put("mismatches", mismatches);
        report.put("accuracy", accuracy);
        report.put("accuracy_summary", accuracy == null ? null : accuracy.summary(precision));
        Path file = Path.of(target);
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            MAPPER.writeValue(tmp.toFile(), report);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the launcher removes what is left
            }
            throw new UncheckedIOException("cannot write the cell report " + file + ": " + FileErrors.reason(e), e);
        }
    }
}
