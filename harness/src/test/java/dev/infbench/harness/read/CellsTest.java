package dev.infbench.harness.read;

import static dev.infbench.harness.TestCells.jmhFixture;
import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infbench.format.CellStatus;
import dev.infbench.format.Json;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cells.read takes a run folder or a JMH JSON file and gives the same kind of result. */
class CellsTest {

    @TempDir
    Path dir;

    @Test
    void aFolderIsReadAsARunFolder() throws IOException {
        Cell pruned = TestCells.unmeasured(1, params("batch", "64"), CellStatus.PRUNED, "too big");
        Files.writeString(dir.resolve(RunLayout.JOURNAL), Json.line(pruned.entry()) + "\n");

        Cells journal = Cells.read(dir);

        assertThat(journal.source()).isEqualTo(dir.resolve(RunLayout.JOURNAL));
        assertThat(journal.cells()).extracting(Cell::reason).containsExactly("too big");
    }

    @Test
    void aFileIsReadAsJmhJson() throws IOException {
        Path file = dir.resolve("jmh-result.json");
        Files.writeString(file, Json.MAPPER.createArrayNode().add(jmhFixture("sample-time.json"))
                .add(jmhFixture("throughput.json")).toString());

        Cells journal = Cells.read(file);

        assertThat(journal.source()).isEqualTo(file);
        assertThat(journal.warnings()).isEmpty();
        assertThat(journal.cells()).extracting(Cell::index).containsExactly(1, 2);
    }

    @Test
    void aPathThatDoesNotExistIsNamed() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> Cells.read(missing))
                .isInstanceOf(HarnessException.class)
                .hasMessage(missing + ": no such run folder or JMH JSON file");
    }
}
