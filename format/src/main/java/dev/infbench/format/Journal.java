package dev.infbench.format;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contents of one run's {@code journal.jsonl}, as read by {@link JournalReader}.
 *
 * <p>A journal is append-only: a cell that is rerun gets a new line with the same {@code key}, and the newest line
 * wins. {@link #entries()} keeps every line for auditing; {@link #latest()} is what tables and CSV show.
 *
 * @param file     the journal that was read
 * @param entries  every parsed line, in file order
 * @param warnings problems that were tolerated (a torn last line), one line each; empty when the file was clean
 */
public record Journal(Path file, List<JournalEntry> entries, List<String> warnings) {

    public Journal {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** The last entry for each {@code key}, ordered by {@code index} (file order among equal indices). */
    public List<JournalEntry> latest() {
        Map<String, JournalEntry> byKey = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            byKey.put(entry.key(), entry);
        }
        return byKey.values().stream()
                .sorted(Comparator.comparingInt(JournalEntry::index))
                .toList();
    }
}
