package dev.infbench.launcher;

import dev.infbench.env.FileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Writing the run folder failed in the middle of a run: says what was kept and how to finish the run. */
final class RunFolderWriteException extends Exception {
    private static final long serialVersionUID = 1L;

    private RunFolderWriteException(String message, IOException cause) {
        super(message, cause);
    }

    /**
     * Removes the half-written temporary files the failure left (the files they were to replace are whole) and
     * counts the cells the journal kept.
     */
    static RunFolderWriteException of(RunFolder folder, IOException e) {
        try (Stream<Path> files = Files.list(folder.dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // the message below still holds
        }
        String kept;
        try {
            int cells = folder.cells().size();
            kept = "the journal keeps the " + cells + " cell" + (cells == 1 ? "" : "s") + " recorded so far";
        } catch (IOException | RuntimeException unreadable) {
            kept = "the journal keeps what was recorded before";
        }
        String fix = FileErrors.diskFull(e) ? "free disk space" : "make the folder writable";
        return new RunFolderWriteException("cannot write the run folder " + folder.dir + " (" + FileErrors.reason(e)
                + "), so the run stopped; " + kept + ": " + fix + ", then finish the run with --resume " + folder.dir,
                e);
    }
}
