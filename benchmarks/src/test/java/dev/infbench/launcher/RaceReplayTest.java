package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.Journal;
import dev.infbench.format.JournalEntry;
import dev.infbench.format.JournalReader;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.read.CellEntries;
import dev.infbench.harness.pick.BestPicks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Racing replayed on a real exhaustive run: 12 MiniLM cells (fp32/int8 × batch 1, 4, 8 × 1 thread and all cores)
 * that each ran 4 interleaved rounds on the 2-core development machine (journal trimmed to what the picks read:
 * parameters, rounds, histograms). Racing runs the minimum 2 rounds for every cell, then a round more only for the
 * cells of unresolved picks, and must reach the same picks as the exhaustive run with fewer forks.
 */
class RaceReplayTest {
    private static final int MINIMUM = 2;

    private static List<JournalEntry> forks(Path dir) throws IOException {
        Path journal = dir.resolve(dev.infbench.format.RunLayout.JOURNAL);
        try (InputStream in = new GZIPInputStream(RaceReplayTest.class.getResourceAsStream(
                "/racing/exhaustive-12-cells-4-rounds.jsonl.gz"))) {
            Files.write(journal, in.readAllBytes());
        }
        return JournalReader.read(journal).entries();
    }

    private static List<Cell> cells(List<JournalEntry> forks) {
        return Cell.all(CellEntries.of(new Journal(Path.of("replay"), forks, List.of())));
    }

    @Test
    void racingReachesTheExhaustiveRunsPicksWithFewerForks(@TempDir Path dir) throws IOException {
        List<JournalEntry> all = forks(dir);
        int rounds = all.stream().mapToInt(JournalEntry::round).max().orElseThrow();
        assertThat(all).hasSize(12 * rounds);

        List<JournalEntry> raced = new ArrayList<>(all.stream().filter(f -> f.round() <= MINIMUM).toList());
        for (int round = MINIMUM + 1; round <= rounds; round++) {
            Set<String> inPlay = Race.inPlay(cells(raced), BestPicks.DEFAULT_SLA_MS);
            if (inPlay.isEmpty()) {
                break;
            }
            int r = round;
            raced.addAll(all.stream().filter(f -> f.round() == r && inPlay.contains(f.key())).toList());
        }

        List<String> exhaustive = Race.outcome(cells(all), BestPicks.DEFAULT_SLA_MS);
        List<String> racing = Race.outcome(cells(raced), BestPicks.DEFAULT_SLA_MS);
        assertThat(racing).isEqualTo(exhaustive);
        // The three picks (int8 at batch 1, 8 and 4 on all cores) resolve with 30 of the 48 forks.
        assertThat(exhaustive).allSatisfy(pick -> assertThat(pick).contains(": #"));
        assertThat(raced).hasSize(30);
    }
}
