package dev.infbench.harness.run;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.infbench.harness.HarnessException;
import dev.infbench.harness.Json;
import dev.infbench.harness.TestCells;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReaderTest {

    @TempDir
    Path runDir;

    private static final String A_OK = """
            {"schema":1,"index":1,"key":"batch=1","params":{"batch":"1"},"status":"OK"}""";
    private static final String B_FAILED = """
            {"schema":1,"index":2,"key":"batch=8","params":{"batch":"8"},"status":"FAILED","reason":"fork died"}""";
    private static final String B_RERUN_OK = """
            {"schema":1,"index":2,"key":"batch=8","params":{"batch":"8"},"status":"OK"}""";

    private Path journal(String text) throws IOException {
        return Files.writeString(runDir.resolve(Journal.FILE_NAME), text);
    }

    @Test
    void latestKeepsTheLastLinePerKeyOrderedByIndex() throws IOException {
        Journal journal = JournalReader.read(journal(B_FAILED + "\n" + A_OK + "\n" + B_RERUN_OK + "\n"));

        assertThat(journal.entries()).hasSize(3);
        assertThat(journal.latest())
                .extracting(JournalEntry::index, JournalEntry::status)
                .containsExactly(tuple(1, CellStatus.OK),
                        tuple(2, CellStatus.OK));
        assertThat(journal.warnings()).isEmpty();
    }

    @Test
    void aCompleteLastLineWithoutNewlineIsKept() throws IOException {
        Journal journal = JournalReader.read(journal(A_OK + "\n" + B_FAILED));

        assertThat(journal.entries()).extracting(JournalEntry::index).containsExactly(1, 2);
        assertThat(journal.warnings()).isEmpty();
    }

    @Test
    void aTornLastLineIsDroppedWithAWarning() throws IOException {
        String torn = B_FAILED.substring(0, 30);
        Journal journal = JournalReader.read(journal(A_OK + "\n" + torn));

        assertThat(journal.entries()).extracting(JournalEntry::key).containsExactly("batch=1");
        assertThat(journal.warnings()).singleElement().asString()
                .contains(Journal.FILE_NAME + " line 2: dropped an incomplete last line");
    }

    @Test
    void aMalformedLineInTheMiddleFailsWithOneLineNamingFileAndLine() throws IOException {
        Path file = journal(A_OK + "\n" + B_FAILED.substring(0, 30) + "\n" + B_RERUN_OK + "\n");

        assertThatThrownBy(() -> JournalReader.read(file))
                .isInstanceOf(HarnessException.class)
                .hasMessageStartingWith(file + " line 2: ")
                .hasMessageContaining("end-of-input")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMalformedLastLineThatEndsWithNewlineIsAnErrorNotATornWrite() throws IOException {
        Path file = journal(A_OK + "\n{\"schema\":1,\n");

        assertThatThrownBy(() -> JournalReader.read(file)).hasMessageStartingWith(file + " line 2: ");
    }

    @Test
    void aLineWithoutKeyIsMalformed() throws IOException {
        Path file = journal(A_OK + "\n{\"schema\":1,\"index\":2,\"status\":\"OK\"}\n");

        assertThatThrownBy(() -> JournalReader.read(file)).hasMessage(file + " line 2: missing \"key\"");
    }

    @Test
    void anUnknownStatusIsMalformed() throws IOException {
        Path file = journal(A_OK.replace("\"OK\"", "\"MAYBE\"") + "\n");

        assertThatThrownBy(() -> JournalReader.read(file))
                .hasMessageStartingWith(file + " line 1: ")
                .hasMessageContaining("MAYBE")
                .hasMessageNotContaining("\n");
    }

    @Test
    void twoObjectsOnOneLineAreMalformed() throws IOException {
        Path file = journal(A_OK + A_OK + "\n");

        assertThatThrownBy(() -> JournalReader.read(file)).hasMessageStartingWith(file + " line 1: ");
    }

    @Test
    void blankLinesAndCrLfLineEndsAreTolerated() throws IOException {
        Journal journal = JournalReader.read(journal(A_OK + "\r\n\r\n" + B_FAILED + "\r\n"));

        assertThat(journal.entries()).extracting(JournalEntry::index).containsExactly(1, 2);
    }

    @Test
    void anEmptyJournalHasNoEntries() throws IOException {
        assertThat(JournalReader.read(journal("")).entries()).isEmpty();
    }

    @Test
    void aMissingJournalIsNamed() {
        Path file = runDir.resolve(Journal.FILE_NAME);

        assertThatThrownBy(() -> JournalReader.read(file)).hasMessage(file + ": no such file");
    }

    @Test
    void aMissingRunFolderIsNamed() {
        Path missing = runDir.resolve("no-such-run");

        assertThatThrownBy(() -> JournalReader.readRun(missing)).hasMessage(missing + ": no such run folder");
    }

    @Test
    void linesWrittenWithTheSharedMapperReadBackEqual() throws IOException {
        JournalEntry written = TestCells.measured(3, params("model", "minilm", "batch", "4"),
                TestCells.jmhFixture("sample-time.json"));
        String line = Json.line(written);

        assertThat(line).doesNotContain("\n").doesNotEndWith(" ");
        assertThat(JournalReader.read(journal(line + "\n")).entries()).containsExactly(written);
    }
}
