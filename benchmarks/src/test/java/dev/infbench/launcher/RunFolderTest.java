package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infbench.config.UsageException;
import dev.infbench.format.CellStatus;
import dev.infbench.format.JournalEntry;
import dev.infbench.format.RunLayout;
import dev.infbench.format.Schemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    private static JournalEntry entry(int index, CellStatus status) {
        return new JournalEntry(Schemas.JOURNAL, index, "cell " + index, null, Map.of("batch",
                Integer.toString(index)), status, status == CellStatus.PRUNED ? "not here" : null, null,
                "2026-11-24T00:00:00Z", null, null, null, null, null, null, null, null);
    }

    @Test
    void appendsOneLinePerEntryAndLeavesEarlierLinesByteForByte(@TempDir Path dir) throws Exception {
        RunFolder folder = RunFolder.create(dir.resolve("run"));
        folder.append(entry(1, CellStatus.PRUNED));
        byte[] first = Files.readAllBytes(folder.file(RunLayout.JOURNAL));
        folder.append(entry(2, CellStatus.FAILED));

        byte[] both = Files.readAllBytes(folder.file(RunLayout.JOURNAL));
        assertThat(java.util.Arrays.copyOf(both, first.length)).isEqualTo(first);
        assertThat(new String(both, StandardCharsets.UTF_8).lines()).hasSize(2);
        assertThat(folder.cells()).extracting(JournalEntry::index).containsExactly(1, 2);
    }

    @Test
    void theLatestEntryOfACellWins(@TempDir Path dir) throws Exception {
        RunFolder folder = RunFolder.create(dir.resolve("run"));
        folder.append(entry(1, CellStatus.FAILED));
        folder.append(entry(1, CellStatus.PRUNED));
        assertThat(folder.cells()).singleElement().extracting(JournalEntry::status).isEqualTo(CellStatus.PRUNED);
    }

    @Test
    void resumingCutsOffALineTornByACrashAndKeepsTheRest(@TempDir Path dir) throws Exception {
        RunFolder folder = RunFolder.create(dir.resolve("run"));
        Files.writeString(folder.file(RunLayout.RUN), "{}");
        folder.append(entry(1, CellStatus.PRUNED));
        byte[] complete = Files.readAllBytes(folder.file(RunLayout.JOURNAL));
        Files.writeString(folder.file(RunLayout.JOURNAL), "{\"schema\":1,\"index\":2,\"ke", StandardOpenOption.APPEND);
        folder.release();

        RunFolder resumed = RunFolder.open(folder.dir);
        assertThat(Files.readAllBytes(folder.file(RunLayout.JOURNAL))).isEqualTo(complete);
        resumed.append(entry(2, CellStatus.PRUNED));
        assertThat(resumed.cells()).extracting(JournalEntry::index).containsExactly(1, 2);
    }

    @Test
    void aCorruptJournalIsAUsageErrorOnResume(@TempDir Path dir) throws Exception {
        RunFolder folder = RunFolder.create(dir.resolve("run"));
        Files.writeString(folder.file(RunLayout.RUN), "{}");
        Files.writeString(folder.file(RunLayout.JOURNAL), "not json\n{}\n");
        folder.release();
        assertThatThrownBy(() -> RunFolder.open(folder.dir)).isInstanceOf(UsageException.class)
                .hasMessageContaining(RunLayout.JOURNAL + " line 1");
    }

    @Test
    void aFolderWhoseWriterStillHoldsItCannotBeResumedAndTheJournalIsLeftAlone(@TempDir Path dir) throws Exception {
        RunFolder writer = RunFolder.create(dir.resolve("run"));
        Files.writeString(writer.file(RunLayout.RUN), "{}");
        Files.writeString(writer.file(RunLayout.JOURNAL), "{\"torn", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> RunFolder.open(writer.dir)).isInstanceOf(BusyException.class)
                .hasMessageContaining("another launcher is still writing this run folder")
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
        assertThat(Files.readString(writer.file(RunLayout.JOURNAL))).as("not cut by the refused resume")
                .isEqualTo("{\"torn");

        writer.release();
        RunFolder resumed = RunFolder.open(writer.dir);
        assertThat(resumed.file(RunLayout.JOURNAL)).content().isEmpty();
        assertThat(resumed.droppedTail()).contains(RunLayout.JOURNAL + " line 1: dropped an incomplete last line (6"
                + " bytes").contains("the cell it was for runs again");
    }

    @Test
    void aJournalEndingInANewlineResumesWithNothingDropped(@TempDir Path dir) throws Exception {
        RunFolder writer = RunFolder.create(dir.resolve("run"));
        Files.writeString(writer.file(RunLayout.RUN), "{}");
        writer.release();
        assertThat(RunFolder.open(writer.dir).droppedTail()).isNull();
    }

    @Test
    void anExistingRunFolderIsNeverOverwritten(@TempDir Path dir) throws Exception {
        RunFolder.create(dir.resolve("run"));
        assertThatThrownBy(() -> RunFolder.create(dir.resolve("run"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("--resume");
    }

    @Test
    void resumeNeedsARunFolder(@TempDir Path dir) {
        assertThatThrownBy(() -> RunFolder.open(dir)).isInstanceOf(UsageException.class)
                .hasMessageContaining("not a run folder");
    }
}
