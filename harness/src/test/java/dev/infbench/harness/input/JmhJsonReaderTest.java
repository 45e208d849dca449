package dev.infbench.harness.input;

import static dev.infbench.harness.TestCells.jmhFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.Json;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.run.CellStatus;
import dev.infbench.harness.run.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhJsonReaderTest {

    @TempDir
    Path dir;

    @Test
    void eachElementIsAnOkCellIndexedByItsPosition() throws IOException {
        Path file = jmhFile("sample-time.json", "throughput.json");

        List<JournalEntry> cells = JmhJsonReader.read(file);

        assertThat(cells).extracting(JournalEntry::index).containsExactly(1, 2);
        assertThat(cells).extracting(JournalEntry::status).containsOnly(CellStatus.OK);
        assertThat(cells.get(0).key())
                .isEqualTo("embed sample model=minilm,backend=onnxruntime,target=cpu,precision=fp32,batch=4,threads=1");
        assertThat(cells.get(0).params()).containsEntry("batch", "4").containsEntry("threads", "1");
        assertThat(CellMetrics.of(cells.get(0))).hasValueSatisfying(m -> assertThat(m.p50Ms()).isEqualTo(19.661));
    }

    @Test
    void parametersTheSuiteDoesNotKnowAreKeptAsTheyAre() throws IOException {
        ObjectNode jmh = (ObjectNode) jmhFixture("sample-time.json");
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.put("queueType", "SpscArrayQueue");
        params.put("capacity", 128);
        jmh.set("params", params);
        Path file = write(Json.MAPPER.createArrayNode().add(jmh).toString());

        JournalEntry cell = JmhJsonReader.read(file).get(0);

        assertThat(cell.params()).containsExactly(
                java.util.Map.entry("queueType", "SpscArrayQueue"), java.util.Map.entry("capacity", "128"));
    }

    @Test
    void aResultWithoutParamsHasNoParameters() throws IOException {
        ObjectNode jmh = (ObjectNode) jmhFixture("average-time-us.json");
        jmh.remove("params");
        Path file = write(Json.MAPPER.createArrayNode().add(jmh).toString());

        assertThat(JmhJsonReader.read(file).get(0).params()).isEmpty();
    }

    @Test
    void theSameBenchmarkAndParametersTwiceGetDistinctKeys() throws IOException {
        Path file = jmhFile("sample-time.json", "sample-time.json");

        List<JournalEntry> cells = JmhJsonReader.read(file);

        assertThat(cells.get(1).key()).isEqualTo(cells.get(0).key() + " #2");
    }

    @Test
    void anEmptyArrayHasNoCells() throws IOException {
        assertThat(JmhJsonReader.read(write("[ ]\n"))).isEmpty();
    }

    @Test
    void cellsAreHandedOverOneAtATimeBeforeTheRestIsRead() throws IOException {
        String two = Json.MAPPER.createArrayNode().add(jmhFixture("sample-time.json"))
                .add(jmhFixture("throughput.json")).toString();
        Path file = write(two.substring(0, two.length() - 1) + ", {\"benchmark\": ");
        List<Integer> seen = new ArrayList<>();

        assertThatThrownBy(() -> JmhJsonReader.forEach(file, cell -> seen.add(cell.index())))
                .isInstanceOf(HarnessException.class);
        assertThat(seen).containsExactly(1, 2);
    }

    @Test
    void aTruncatedFileNamesTheFileLineAndColumn() throws IOException {
        Path file = write("[\n  {\"benchmark\": \"a.B.c\", \"mode\": \"sample\",\n   \"primaryMetric\": {\"score\": 1");

        assertThatThrownBy(() -> JmhJsonReader.read(file))
                .isInstanceOf(HarnessException.class)
                .hasMessageStartingWith(file + " line 3 column ")
                .hasMessageContaining("end-of-input")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aFileThatEndsBetweenElementsIsTruncated() throws IOException {
        Path file = write("[\n" + jmhFixture("average-time-us.json") + ",\n");

        assertThatThrownBy(() -> JmhJsonReader.read(file))
                .isInstanceOf(HarnessException.class)
                .hasMessageStartingWith(file + " line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void malformedJsonNamesTheFileLineAndColumn() throws IOException {
        Path file = write("[\n  {\"benchmark\": \"a.B.c\",, \"mode\": \"sample\"}\n]\n");

        assertThatThrownBy(() -> JmhJsonReader.read(file))
                .isInstanceOf(HarnessException.class)
                .hasMessageStartingWith(file + " line 2 column 25: Unexpected character (',' (code 44))")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aSingleObjectInsteadOfAnArrayIsRefused() throws IOException {
        Path file = write(jmhFixture("sample-time.json").toString());

        assertThatThrownBy(() -> JmhJsonReader.read(file))
                .isInstanceOf(HarnessException.class)
                .hasMessage(file + " line 1 column 1: expected a JMH JSON array ([...]), found START_OBJECT");
    }

    @Test
    void anElementThatIsNotAJmhResultIsRefusedAtItsPosition() throws IOException {
        Path file = write("[\n  " + jmhFixture("average-time-us.json") + ",\n  {\"name\": \"x\"}\n]");

        assertThatThrownBy(() -> JmhJsonReader.read(file))
                .isInstanceOf(HarnessException.class)
                .hasMessage(file + " line 3 column 3: array element 2 is not a JMH result"
                        + " (it needs \"benchmark\", \"mode\" and \"primaryMetric\")");
    }

    @Test
    void anArrayElementThatIsNotAnObjectIsRefused() throws IOException {
        Path file = write("[42]");

        assertThatThrownBy(() -> JmhJsonReader.read(file))
                .isInstanceOf(HarnessException.class)
                .hasMessage(file + " line 1 column 2: array element 1 is not a JMH result object");
    }

    @Test
    void contentAfterTheArrayIsRefused() throws IOException {
        Path file = write("[]\n[]");

        assertThatThrownBy(() -> JmhJsonReader.read(file))
                .isInstanceOf(HarnessException.class)
                .hasMessage(file + " line 2 column 1: content after the end of the array");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = write("");

        assertThatThrownBy(() -> JmhJsonReader.read(file))
                .isInstanceOf(HarnessException.class)
                .hasMessage(file + ": empty file, expected a JMH JSON array");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nope.json");

        assertThatThrownBy(() -> JmhJsonReader.read(file))
                .isInstanceOf(HarnessException.class)
                .hasMessage(file + ": no such file");
    }

    private Path jmhFile(String... fixtures) throws IOException {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (String fixture : fixtures) {
            array.add(jmhFixture(fixture));
        }
        return write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "jmh", ".json");
        Files.writeString(file, text);
        return file;
    }
}
