package dev.infbench.harness.report.csv;

import dev.infbench.harness.HarnessException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the harness's CSV files: UTF-8, replacing the file, a failure one {@link HarnessException} naming it. */
public final class CsvFiles {
    /** What goes into the file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(Writer out) throws IOException;
    }

    private CsvFiles() {
    }

    public static void write(Path file, Body body) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            body.writeTo(out);
        } catch (IOException e) {
            throw new HarnessException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
