package dev.infbench.harness.read;

import dev.infbench.format.Journal;
import dev.infbench.format.JournalReader;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.metrics.Cell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one entry point for "the cells at this path", whatever the path is: an infbench run folder (its
 * {@code journal.jsonl}, each cell's lines merged by {@link CellEntries}) or a JMH JSON result file (read by {@link JmhJsonReader}).
 *
 * @param source   what was read
 * @param cells    the cells, in index order
 * @param warnings problems that were tolerated (a torn last journal line), one line each; a JMH file has none
 */
public record Cells(Path source, List<Cell> cells, List<String> warnings) {

    public Cells {
        cells = List.copyOf(cells);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the cells of {@code path}: a folder is read as a run folder, a file as JMH JSON.
     *
     * @throws HarnessException if the path does not exist or its content is malformed (one line, naming the file)
     */
    public static Cells read(Path path) {
        if (Files.isDirectory(path)) {
            return run(path);
        }
        if (!Files.exists(path)) {
            throw new HarnessException(path + ": no such run folder or JMH JSON file");
        }
        return new Cells(path, JmhJsonReader.read(path), List.of());
    }

    /** Reads a run folder's journal. */
    public static Cells run(Path runDir) {
        Journal journal = JournalReader.readRun(runDir);
        return new Cells(journal.file(), Cell.all(CellEntries.of(journal)), journal.warnings());
    }
}
