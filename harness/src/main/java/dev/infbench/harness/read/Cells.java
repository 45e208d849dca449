package dev.infbench.harness.read;

import dev.infbench.format.Journal;
import dev.infbench.format.JournalReader;
import dev.infbench.harness.HarnessException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one entry point for "the cells at this path", whatever the path is: an infbench run folder (its
 * {@code journal.jsonl}) or a JMH JSON result file (read by {@link JmhJsonReader}).
 *
 * <p>Both come back as a {@link Journal}, so reports use {@link Journal#latest()} and print
 * {@link Journal#warnings()} alike; a JMH file never has warnings.
 */
public final class Cells {

    private Cells() {
    }

    /**
     * Reads the cells of {@code path}: a folder is read as a run folder, a file as JMH JSON.
     *
     * @throws HarnessException if the path does not exist or its content is malformed (one line, naming the file)
     */
    public static Journal read(Path path) {
        if (Files.isDirectory(path)) {
            return JournalReader.readRun(path);
        }
        if (!Files.exists(path)) {
            throw new HarnessException(path + ": no such run folder or JMH JSON file");
        }
        return new Journal(path, JmhJsonReader.read(path), List.of());
    }
}
