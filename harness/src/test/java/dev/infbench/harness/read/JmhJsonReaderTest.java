package dev.infbench.harness.read;

import static dev.infbench.harness.TestCells.jmhFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.CellStatus;
import dev.infbench.format.Json;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
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

        List<Cell> cells = JmhJsonReader.read(file);

        assertThat(cells).extracting(Cell::index).containsExactly(1, 2);
        assertThat(cells).extracting(Cell::status).containsOnly(CellStatus.OK);
        assertThat(cells.get(0).key())
                .isEqualTo("embed sample model=minilm,backend=onnxruntime,target=cpu,precision=fp32,batch=4,threads=1");
        assertThat(cells.get(0).params()).containsEntry("batch", "4").containsEntry("threads", "1");
        assertThat(cells.get(0).metrics()).hasValueSatisfying(m -> assertThat(m.p50Ms()).isEqualTo(19.661));
    }

    @Test
    void parametersTheSuiteDoesNotKnowAreKeptAsTheyAre() throws IOException {
        ObjectNode jmh = (ObjectNode) jmhFixture("sample-time.json");
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.put("queueType", "SpscArrayQueue");
        params.put("capacity", 128);
        jmh.set("params", params);
        Path file = write(Json.MAPPER.createArrayNode().add(jmh).toString());

        Cell cell = JmhJsonReader.read(file).get(0);

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

        List<Cell> cells = JmhJsonReader.read(file);

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
    void slimCellsCarryTheSameMetricsAsFullOnes() throws IOException {
        Path file = jmhFile("sample-time.json", "throughput.json", "average-time-us.json", "non-finite.json",
                "sample-time-two-regimes.json");

        List<Cell> full = JmhJsonReader.read(file);
        List<Cell> slim = new ArrayList<>();
        JmhJsonReader.forEachSlim(file, slim::add);

        assertThat(slim).extracting(Cell::key).isEqualTo(full.stream().map(Cell::key).toList());
        for (int i = 0; i < full.size(); i++) {
            CellMetrics a = full.get(i).metrics().orElseThrow();
            CellMetrics b = slim.get(i).metrics().orElseThrow();
            assertThat(b.samples()).isEqualTo(a.samples());
            assertThat(b.forks()).isEqualTo(a.forks());
            assertThat(b.p50Ms()).isEqualTo(a.p50Ms());
            assertThat(b.p99Ms()).isEqualTo(a.p99Ms());
            assertThat(b.p50Interval()).isEqualTo(a.p50Interval());
            assertThat(b.p99Interval()).isEqualTo(a.p99Interval());
            assertThat(b.stability()).isEqualTo(a.stability());
            assertThat(b.throughputPerS()).isEqualTo(a.throughputPerS());
        }
        // What no report reads is left out of a slim cell.
        assertThat(slim.get(0).jmh().has("secondaryMetrics")).isFalse();
        assertThat(slim.get(0).jmh().path("primaryMetric").has("rawDataHistogram")).isFalse();
    }

    /** A file read in regions (cut at commas between elements) gives the cells of reading it whole, in order. */
    @Test
    void aFileReadInRegionsGivesTheSameCellsInOrder() throws IOException {
        List<String> fixtures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fixtures.add(i % 3 == 0 ? "sample-time.json" : i % 3 == 1 ? "throughput.json" : "average-time-us.json");
        }
        // One line per element, with strings holding commas, brackets and escaped quotes to mislead a naive cut.
        StringBuilder text = new StringBuilder("[\n");
        for (int i = 0; i < fixtures.size(); i++) {
            ObjectNode element = (ObjectNode) jmhFixture(fixtures.get(i));
            element.putArray("jvmArgs").add("-Dx=\"],[{,\"").add("}]");
            text.append(Json.line(element)).append(i + 1 < fixtures.size() ? ",\n" : "\n");
        }
        Path file = write(text.append("]\n").toString());

        assertThat(JmhJsonReader.regions(file, 4, 1)).isEqualTo(4);
        List<Cell> whole = new ArrayList<>();
        JmhJsonReader.forEachSlim(file, whole::add, 1, 1);
        List<Cell> regions = new ArrayList<>();
        JmhJsonReader.forEachSlim(file, regions::add, 4, 1);

        assertThat(regions).extracting(Cell::index).containsExactlyElementsOf(
                whole.stream().map(Cell::index).toList());
        assertThat(regions).extracting(Cell::key).containsExactlyElementsOf(
                whole.stream().map(Cell::key).toList());
        assertThat(regions.get(11).key()).endsWith(" #4");
        for (int i = 0; i < whole.size(); i++) {
            assertThat(regions.get(i).metrics().orElseThrow().meanMs())
                    .isEqualTo(whole.get(i).metrics().orElseThrow().meanMs());
        }
    }

    /** An error in a later region is reported at the file's own line and column, as reading it whole would. */
    @Test
    void anErrorInALaterRegionNamesTheFilesLineAndColumn() throws IOException {
        StringBuilder text = new StringBuilder("[\n");
        for (int i = 0; i < 6; i++) {
            text.append(Json.line(jmhFixture("throughput.json"))).append(",\n");
        }
        text.append("  {\"benchmark\": \"a.B.c\",, \"mode\": \"thrpt\"}\n]\n");
        Path file = write(text.toString());

        assertThat(JmhJsonReader.regions(file, 3, 1)).isEqualTo(3);
        String whole = message(() -> JmhJsonReader.forEachSlim(file, cell -> { }, 1, 1));
        List<Cell> before = new ArrayList<>();
        String regions = message(() -> JmhJsonReader.forEachSlim(file, before::add, 3, 1));

        assertThat(whole).startsWith(file + " line 8 column 25: Unexpected character");
        assertThat(regions).isEqualTo(whole);
        assertThat(before).hasSize(6);
    }

    /** A minified file (one line) keeps its columns right in every region. */
    @Test
    void columnsInALaterRegionOfAOneLineFileAreTheFilesColumns() throws IOException {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            text.append(Json.line(jmhFixture("throughput.json"))).append(',');
        }
        text.append("[42]]");
        Path file = write(text.toString());

        assertThat(JmhJsonReader.regions(file, 2, 1)).isEqualTo(2);
        String whole = message(() -> JmhJsonReader.forEachSlim(file, cell -> { }, 1, 1));
        String regions = message(() -> JmhJsonReader.forEachSlim(file, cell -> { }, 2, 1));

        assertThat(whole).matches(".* line 1 column \\d+: array element 5 is not a JMH result object");
        assertThat(regions).isEqualTo(whole);
    }

    private static String message(Runnable action) {
        try {
            action.run();
        } catch (HarnessException e) {
            return e.getMessage();
        }
        throw new AssertionError("no HarnessException");
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
