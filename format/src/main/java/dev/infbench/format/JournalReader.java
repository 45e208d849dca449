package dev.infbench.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's {@code journal.jsonl}: one {@link JournalEntry} as JSON per line, appended as cells finish.
 *
 * <p>A run can be killed while a line is being written, so a last line that has no newline and does not parse is
 * dropped with a warning: everything before it is still a valid record of the run. Any other malformed line means
 * the journal is damaged, and reading fails with a one-line {@link FormatException} naming file and line. Lines of
 * every schema up to {@link Schemas#JOURNAL} are read; a newer one is refused the same way.
 */
public final class JournalReader {

    private JournalReader() {
    }

    /** Reads {@code runDir/journal.jsonl}. */
    public static Journal readRun(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            throw new FormatException(runDir + ": no such run folder");
        }
        return read(runDir.resolve(RunLayout.JOURNAL));
    }

    /**
     * Reads one journal file.
     *
     * @throws FormatException if the file cannot be read or a line other than a torn last line is malformed
     */
    public static Journal read(Path file) {
        String text = readText(file);
        List<JournalEntry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            boolean terminated = newline >= 0;
            int end = terminated ? newline : text.length();
            String line = text.substring(start, end);
            start = end + 1;
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(parse(line));
            } catch (MalformedLine e) {
                if (terminated) {
                    throw new FormatException(file + " line " + lineNumber + ": " + e.getMessage(), e);
                }
                warnings.add(file + " line " + lineNumber + ": dropped an incomplete last line (" + e.getMessage()
                        + "); the run was probably interrupted while writing it");
            }
        }
        return new Journal(file, entries, warnings);
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new FormatException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new FormatException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new FormatException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static JournalEntry parse(String line) throws MalformedLine {
        JournalEntry entry;
        try {
            // strip() also removes the '\r' of a journal that went through a CRLF editor.
            entry = Json.MAPPER.readValue(line.strip(), JournalEntry.class);
        } catch (JsonProcessingException e) {
            throw new MalformedLine(Json.describe(e), e);
        }
        // Without these the line cannot be placed in the run's grid; treat it as malformed rather than guess.
        if (entry == null) {
            throw new MalformedLine("null instead of an entry", null);
        }
        if (entry.key() == null || entry.key().isBlank()) {
            throw new MalformedLine("missing \"key\"", null);
        }
        if (entry.status() == null) {
            throw new MalformedLine("missing \"status\"", null);
        }
        if (entry.index() < 1) {
            throw new MalformedLine("\"index\" must be 1 or more, was " + entry.index(), null);
        }
        if (entry.schema() > Schemas.JOURNAL) {
            throw new MalformedLine("schema " + entry.schema() + " is newer than this version of the suite reads (up"
                    + " to " + Schemas.JOURNAL + "); read it with a newer harness", null);
        }
        return entry;
    }

    /** A line that is not a valid entry; the message says why, without file or line (the caller adds those). */
    private static final class MalformedLine extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedLine(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
