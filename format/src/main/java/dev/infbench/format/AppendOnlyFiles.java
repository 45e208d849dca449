package dev.infbench.format;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Files the suite appends to line by line (the journal, a machine's history): a process killed in the middle of an
 * append leaves a last line without its newline. That line never counted; before the next append it is cut off, so
 * that new lines start on a line of their own. Complete lines are left byte for byte.
 */
public final class AppendOnlyFiles {

    /** What was cut: the 1-based number of the torn line and its bytes. */
    public record Cut(int line, int bytes) {
    }

    private AppendOnlyFiles() {
    }

    /** Cuts {@code file}'s torn last line, if any; null when it ends with a newline, is empty or does not exist. */
    public static Cut dropIncompleteTail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end == bytes.length) {
            return null;
        }
        int line = 1;
        for (int i = 0; i < end; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(end);
            ch.force(true);
        }
        return new Cut(line, bytes.length - end);
    }
}
