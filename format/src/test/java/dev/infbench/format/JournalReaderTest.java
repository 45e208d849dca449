package dev.infbench.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
        return Files.writeString(runDir.resolve(RunLayout.JOURNAL), text);
    }

    @Test
    void aWholeCellLineIsReplacedByTheCellsNextLineOrderedByIndex() throws IOException {
        Journal journal = JournalReader.read(journal(B_FAILED + "\n" + A_OK + "\n" + B_RERUN_OK + "\n"));

        assertThat(journal.entries()).hasSize(3);
        assertThat(journal.cells())
                .extracting(c -> c.first().index(), c -> c.first().status(), Journal.CellLines::forked)
                .containsExactly(tuple(1, CellStatus.OK, false),
                        tuple(2, CellStatus.OK, false));
        assertThat(journal.warnings()).isEmpty();
    }

    private static String fork(int round, String status) {
        return "{\"schema\":" + Schemas.JOURNAL + ",\"index\":1,\"key\":\"batch=1\",\"round\":" + round
                + ",\"params\":{\"batch\":\"1\"},\"status\":\"" + status + "\"}";
    }

    @Test
    void forkLinesOfOneCellMakeOneCellInRoundOrder() throws IOException {
        Journal journal = JournalReader.read(journal(fork(2, "OK") + "\n" + B_FAILED + "\n" + fork(1, "OK") + "\n"
                + fork(2, "OK") + "\n"));

        assertThat(journal.cells()).hasSize(2);
        Journal.CellLines a = journal.cells().get(0);
        assertThat(a.forked()).isTrue();
        assertThat(a.rounds()).containsExactly(1, 2);
        assertThat(a.failed()).isFalse();
        // The repeated round 2 (a resumed round) is the newer line, not a third fork.
        assertThat(a.lines()).hasSize(2);
    }

    @Test
    void aFailedForkEndsTheAttemptAndTheNextForkStartsAnother() throws IOException {
        Journal failed = JournalReader.read(journal(fork(1, "OK") + "\n" + fork(2, "FAILED") + "\n"));
        assertThat(failed.cells()).singleElement().satisfies(c -> {
            assertThat(c.failed()).isTrue();
            assertThat(c.rounds()).containsExactly(1, 2);
        });

        Journal retried = JournalReader.read(journal(fork(1, "OK") + "\n" + fork(2, "FAILED") + "\n"
                + fork(1, "OK") + "\n"));
        assertThat(retried.cells()).singleElement().satisfies(c -> {
            assertThat(c.failed()).isFalse();
            assertThat(c.rounds()).containsExactly(1);
        });
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
                .contains(RunLayout.JOURNAL + " line 2: dropped an incomplete last line");
    }

    @Test
    void aMalformedLineInTheMiddleFailsWithOneLineNamingFileAndLine() throws IOException {
        Path file = journal(A_OK + "\n" + B_FAILED.substring(0, 30) + "\n" + B_RERUN_OK + "\n");

        assertThatThrownBy(() -> JournalReader.read(file))
                .isInstanceOf(FormatException.class)
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
        Path file = runDir.resolve(RunLayout.JOURNAL);

        assertThatThrownBy(() -> JournalReader.read(file)).hasMessage(file + ": no such file");
    }

    @Test
    void aMissingRunFolderIsNamed() {
        Path missing = runDir.resolve("no-such-run");

        assertThatThrownBy(() -> JournalReader.readRun(missing)).hasMessage(missing + ": no such run folder");
    }

    @Test
    void linesWrittenWithTheSharedMapperReadBackEqual() throws IOException {
        ObjectNode jmh = Json.MAPPER.createObjectNode();
        jmh.put("mode", "sample");
        jmh.putObject("primaryMetric").put("score", 19.7).put("scoreUnit", "ms/op");
        JournalEntry written = JournalEntry.ran(3, "batch=4", java.util.Map.of("batch", "4"), CellStatus.OK, null,
                "2026-11-24T14:00:00Z", "2026-11-24T14:00:12Z", 12.5).withJmh(jmh)
                .withAccuracy(new Accuracy("classifier", 64, 0.99, 0.01, 1.0, 0.98, true, "fp32"));
        String line = Json.line(written);

        assertThat(line).doesNotContain("\n").doesNotEndWith(" ").contains("\"min_cosine\":0.99")
                .contains("\"top1_agreement\":1.0").contains("\"schema\":" + Schemas.JOURNAL);
        assertThat(JournalReader.read(journal(line + "\n")).entries()).containsExactly(written);
    }

    @Test
    void aSchemaOneLineWithItsCamelCaseAccuracyIsStillRead() throws IOException {
        String old = """
                {"schema":1,"index":1,"key":"batch=1","params":{"batch":"1"},"status":"OK",\
                "accuracy":{"metric":"pooled-embedding","samples":24,"minCosine":0.989149,"maxAbsError":0.05,\
                "threshold":0.98,"passed":true,"reference":"fp32"}}""";

        Accuracy accuracy = JournalReader.read(journal(old + "\n")).entries().get(0).accuracy();

        assertThat(accuracy.minCosine()).isEqualTo(0.989149);
        assertThat(accuracy.maxAbsError()).isEqualTo(0.05);
        assertThat(accuracy.top1Agreement()).isNull();
    }

    @Test
    void aLineOfANewerSchemaIsRefusedWithOneLine() throws IOException {
        Path file = journal("{\"schema\":" + (Schemas.JOURNAL + 1) + ",\"index\":1,\"key\":\"k\",\"status\":\"OK\"}\n");

        assertThatThrownBy(() -> JournalReader.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("line 1: schema " + (Schemas.JOURNAL + 1) + " is newer than this version");
    }
}
