package dev.infbench.harness.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.Json;
import dev.infbench.harness.run.CellStatus;
import dev.infbench.harness.run.JournalEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads any JMH JSON result file (the array JMH writes with {@code -rf json}), not only an infbench run's
 * {@code jmh.json}, as cells the reports understand.
 *
 * <p>Each element becomes a {@link JournalEntry} with status {@code OK}, {@code index} its 1-based position in the
 * array, {@code params} JMH's {@code params} object as text (parameters the suite does not know simply become more
 * columns), the element itself as {@code jmh}, and a {@code key} made of the benchmark's simple name, the mode and the
 * parameters ({@code embed sample model=minilm,batch=1}; {@code #N} is appended to a key seen before, so no cell
 * hides another).
 *
 * <p>The file is read with Jackson's streaming {@link JsonParser}: only the element being read is held as a tree, so
 * {@link #forEach} needs memory for one cell at a time. A malformed or truncated file, or an element that is not a JMH
 * result object, fails with a one-line {@link HarnessException} naming the file, line and column.
 */
public final class JmhJsonReader {

    /** Reads one element off a parser that goes on: what follows the element is the rest of the array. */
    private static final ObjectReader ELEMENT_READER = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JmhJsonReader() {
    }

    /** Every cell of {@code file}, in file order. */
    public static List<JournalEntry> read(Path file) {
        List<JournalEntry> cells = new ArrayList<>();
        forEach(file, cells::add);
        return cells;
    }

    /**
     * Hands each cell of {@code file} to {@code action} as soon as it is read; cells before a malformed part of the
     * file have already been handed over when the exception is thrown.
     *
     * @throws HarnessException if the file cannot be read, is not a JSON array of JMH results, or ends early
     */
    public static void forEach(Path file, Consumer<JournalEntry> action) {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = Json.MAPPER.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new HarnessException(file + ": empty file, expected a JMH JSON array");
            }
            if (first != JsonToken.START_ARRAY) {
                throw at(file, parser.currentTokenLocation(), "expected a JMH JSON array ([...]), found " + first);
            }
            Set<String> keys = new HashSet<>();
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw at(file, parser.currentLocation(), "the file ends inside the array (truncated?)");
                }
                JsonLocation start = parser.currentTokenLocation();
                if (token != JsonToken.START_OBJECT) {
                    throw at(file, start, "array element " + (index + 1) + " is not a JMH result object");
                }
                JsonNode jmh = ELEMENT_READER.readTree(parser);
                index++;
                action.accept(cell(file, start, index, jmh, keys));
            }
            if (parser.nextToken() != null) {
                throw at(file, parser.currentTokenLocation(), "content after the end of the array");
            }
        } catch (NoSuchFileException e) {
            throw new HarnessException(file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw at(file, e.getLocation(), Json.describe(e));
        } catch (IOException e) {
            throw new HarnessException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static JournalEntry cell(Path file, JsonLocation start, int index, JsonNode jmh, Set<String> keys) {
        String benchmark = jmh.path("benchmark").asText("");
        String mode = jmh.path("mode").asText("");
        if (benchmark.isBlank() || mode.isBlank() || !jmh.path("primaryMetric").isObject()) {
            throw at(file, start, "array element " + index
                    + " is not a JMH result (it needs \"benchmark\", \"mode\" and \"primaryMetric\")");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> param : jmh.path("params").properties()) {
            params.put(param.getKey(), param.getValue().asText());
        }
        StringBuilder key = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.') + 1))
                .append(' ').append(mode);
        String separator = " ";
        for (Map.Entry<String, String> param : params.entrySet()) {
            key.append(separator).append(param.getKey()).append('=').append(param.getValue());
            separator = ",";
        }
        String unique = key.toString();
        for (int n = 2; !keys.add(unique); n++) {
            unique = key + " #" + n;
        }
        return new JournalEntry(JournalEntry.SCHEMA, index, unique, params, CellStatus.OK, null, null, null, null,
                null, null, null, null, jmh);
    }

    private static HarnessException at(Path file, JsonLocation location, String message) {
        String where = location == null || location.getLineNr() < 1 ? ""
                : " line " + location.getLineNr() + " column " + location.getColumnNr();
        return new HarnessException(file + where + ": " + message);
    }
}
