package dev.infbench.harness.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.CellStatus;
import dev.infbench.format.JournalEntry;
import dev.infbench.format.Json;
import dev.infbench.format.Schemas;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.jmh.JmhHistogram;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.stats.SampleHistogram;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
    public static List<Cell> read(Path file) {
        List<Cell> cells = new ArrayList<>();
        forEach(file, entry -> cells.add(Cell.of(entry)));
        return cells;
    }

    /**
     * Hands each cell of {@code file} to {@code action} as soon as it is read; cells before a malformed part of the
     * file have already been handed over when the exception is thrown.
     *
     * @throws HarnessException if the file cannot be read, is not a JSON array of JMH results, or ends early
     */
    public static void forEach(Path file, Consumer<JournalEntry> action) {
        Numbering numbering = new Numbering(file);
        Region.whole(file).read(false, element -> action.accept(numbering.cell(element)));
    }

    /**
     * Hands every cell of {@code file} to {@code action}, slimmed for reporting (see
     * {@link Cell#of(JournalEntry, SampleHistogram)}): SampleTime histograms are read straight off the
     * parser into primitive arrays, never built as JSON trees, and are not in the entry's {@code jmh} node; nor are
     * the fields no report reads ({@code secondaryMetrics}, JVM and iteration settings). A large file is cut at element boundaries into one region per
     * core, read in parallel, and handed over in file order once all regions are read; as with {@link #forEach},
     * the cells before a malformed part are handed over before the exception is thrown. This is what lets a report
     * over 10,000 cells of about 13 KB each fit a 512 MB heap and take seconds.
     *
     * @throws HarnessException as {@link #forEach}, and for a cell whose metrics cannot be computed
     */
    public static void forEachSlim(Path file, Consumer<Cell> action) {
        // One core is left to the JIT compiler and the GC: on 2 cores a second reader starves the compiler, and the
        // cold read took 1.7 s instead of 1.4 s (10,000 cells, 128 MB).
        int cores = Runtime.getRuntime().availableProcessors();
        forEachSlim(file, action, Math.max(1, Math.min(MAX_REGIONS, cores - 1)), MIN_REGION_BYTES);
    }

    /**
     * {@link #forEachSlim(Path, Consumer)} in at most {@code parts} regions read in parallel, each of at least
     * {@code minBytes} bytes.
     */
    static void forEachSlim(Path file, Consumer<Cell> action, int parts, long minBytes) {
        Numbering numbering = new Numbering(file);
        Consumer<Element> slim = element -> action.accept(Cell.of(numbering.cell(element), element.histogram()));
        List<Region> regions = Region.split(file, parts, minBytes);
        if (regions.size() == 1) {
            regions.get(0).read(true, slim);
            return;
        }
        List<CompletableFuture<Region.Result>> results = new ArrayList<>();
        for (Region region : regions.subList(1, regions.size())) {
            results.add(CompletableFuture.supplyAsync(() -> region.readAll(), JmhJsonReader::daemon));
        }
        Region.Result first = regions.get(0).readAll();
        first.handOver(slim);
        for (CompletableFuture<Region.Result> result : results) {
            result.join().handOver(slim);
        }
    }

    /** The top-level fields of a JMH result that reports read; a slimmed cell keeps only these. */
    private static final Set<String> REPORTED = Set.of("benchmark", "mode", "threads", "forks", "params",
            "primaryMetric", "jmhVersion");

    /** How many regions {@code file} is cut into for {@code parts} readers (for tests). */
    static int regions(Path file, int parts, long minBytes) {
        return Region.split(file, parts, minBytes).size();
    }

    /** Regions a file is read in at most; each needs a core. */
    private static final int MAX_REGIONS = 4;

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "jmh-json-region");
        thread.setDaemon(true);
        thread.start();
    }

    /** One element of the array as read: the JMH object (null when the element is not an object). */
    private record Element(JsonNode jmh, SampleHistogram histogram, String where) {
    }

    /** Gives elements their 1-based index and unique key in file order, and checks they are JMH results. */
    private static final class Numbering {
        private final Path file;
        private final Set<String> keys = new HashSet<>();
        private int index;

        Numbering(Path file) {
            this.file = file;
        }

        JournalEntry cell(Element element) {
            index++;
            if (element.jmh() == null) {
                throw new HarnessException(file + element.where() + ": array element " + index
                        + " is not a JMH result object");
            }
            try {
                return JmhJsonReader.cell(index, element.jmh(), keys);
            } catch (HarnessException e) {
                throw new HarnessException(file + element.where() + ": array element " + index + " " + e.getMessage());
            }
        }
    }

    /**
     * A run of whole elements of the file's top-level array, read as an array of its own: the bytes from
     * {@code start} to {@code end} with {@code [} put before them (but for the first region) and {@code ]} after
     * (but for the last), positions translated back to the file's lines and columns.
     */
    private record Region(Source source, long start, long end, boolean first, boolean last) {

        static Region whole(Path file) {
            return new Region(new Source(file, 0, 0), 0, Long.MAX_VALUE, true, true);
        }

        /** What a region read: its elements, and the failure that stopped it, if any. */
        record Result(List<Element> elements, HarnessException failure) {
            void handOver(Consumer<Element> action) {
                elements.forEach(action);
                if (failure != null) {
                    throw failure;
                }
            }
        }

        Result readAll() {
            List<Element> elements = new ArrayList<>();
            try {
                read(true, elements::add);
                return new Result(elements, null);
            } catch (HarnessException e) {
                return new Result(elements, e);
            }
        }

        void read(boolean streamHistograms, Consumer<Element> action) {
            Source file = source;
            // One builder for all the region's histograms: its arrays grow once, not for every cell.
            SampleHistogram.Builder builder = SampleHistogram.builder();
            try (InputStream in = open(); JsonParser parser = Json.MAPPER.createParser(in)) {
                parser.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new HarnessException(file.path() + ": empty file, expected a JMH JSON array");
                }
                if (first != JsonToken.START_ARRAY) {
                    throw at(file, parser.currentTokenLocation(), "expected a JMH JSON array ([...]), found "
                            + first);
                }
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY;
                        token = parser.nextToken()) {
                    if (token == null) {
                        throw at(file, parser.currentLocation(), "the file ends inside the array (truncated?)");
                    }
                    String where = file.where(parser.currentTokenLocation());
                    if (token != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        action.accept(new Element(null, null, where));
                    } else if (streamHistograms) {
                        SampleHistogram[] histogram = new SampleHistogram[1];
                        JsonNode jmh = element(file, parser, builder, histogram);
                        action.accept(new Element(jmh, histogram[0], where));
                    } else {
                        action.accept(new Element(ELEMENT_READER.readTree(parser), null, where));
                    }
                }
                if (parser.nextToken() != null) {
                    throw at(file, parser.currentTokenLocation(), "content after the end of the array");
                }
            } catch (NoSuchFileException e) {
                throw new HarnessException(file.path() + ": no such file", e);
            } catch (JsonProcessingException e) {
                throw at(file, e.getLocation(), Json.describe(e));
            } catch (IOException e) {
                throw new HarnessException(file.path() + ": cannot read (" + e.getMessage() + ")", e);
            }
        }

        private InputStream open() throws IOException {
            InputStream in = Files.newInputStream(source.path());
            if (start > 0) {
                in.skipNBytes(start);
            }
            if (end != Long.MAX_VALUE) {
                in = new BoundedInputStream(in, end - start);
            }
            if (!first) {
                in = new SequenceInputStream(new ByteArrayInputStream(new byte[] {'['}), in);
            }
            if (!last) {
                in = new SequenceInputStream(in, new ByteArrayInputStream(new byte[] {']'}));
            }
            return in;
        }

        /**
         * The file cut into about {@code parts} regions at commas between elements of the top-level array, found
         * by one pass over the bytes that follows strings and nesting; the whole file as one region when it is
         * small, not an array, or has no such comma where one is wanted.
         */
        static List<Region> split(Path file, int parts, long minBytes) {
            if (parts <= 1) {
                return List.of(whole(file));
            }
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                return List.of(whole(file));
            }
            int regions = (int) Math.max(1, Math.min(parts, size / Math.max(1, minBytes)));
            if (regions == 1) {
                return List.of(whole(file));
            }
            List<long[]> cuts = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                long offset = 0;
                long lines = 0;
                long lineStart = 0;
                int depth = 0;
                boolean inString = false;
                boolean escaped = false;
                long target = size / regions;
                for (int n = in.read(buffer); n > 0 && cuts.size() < regions - 1; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        if (inString) {
                            if (escaped) {
                                escaped = false;
                            } else if (b == '\\') {
                                escaped = true;
                            } else if (b == '"') {
                                inString = false;
                            }
                        } else if (b == '"') {
                            inString = true;
                        } else if (b == '[' || b == '{') {
                            if (depth == 0 && b != '[') {
                                return List.of(whole(file));
                            }
                            depth++;
                        } else if (b == ']' || b == '}') {
                            depth--;
                            if (depth <= 0) {
                                return List.of(whole(file));
                            }
                        } else if (b == '\n') {
                            lines++;
                            lineStart = offset + i + 1;
                        } else if (b == ',' && depth == 1 && offset + i >= target) {
                            long comma = offset + i;
                            cuts.add(new long[] {comma, lines, comma - lineStart});
                            target = size * (cuts.size() + 1) / regions;
                            if (cuts.size() == regions - 1) {
                                break;
                            }
                        }
                    }
                    offset += n;
                }
            } catch (IOException e) {
                return List.of(whole(file));
            }
            List<Region> split = new ArrayList<>();
            long from = 0;
            Source source = new Source(file, 0, 0);
            for (int c = 0; c <= cuts.size(); c++) {
                long to = c < cuts.size() ? cuts.get(c)[0] : Long.MAX_VALUE;
                split.add(new Region(source, from, to, c == 0, c == cuts.size()));
                if (c < cuts.size()) {
                    // The next region starts after the comma, behind a '[' of its own: one column to the left.
                    source = new Source(file, cuts.get(c)[1], cuts.get(c)[2]);
                    from = cuts.get(c)[0] + 1;
                }
            }
            return split;
        }
    }

    /** Regions are at least this large: below it, a second thread costs more than it saves. */
    private static final long MIN_REGION_BYTES = 8L << 20;

    /**
     * The file a region is read from, and how its parser's positions map back to the file: {@code lines} lines
     * come before the region, and its first line starts {@code column} bytes into the file's line.
     */
    private record Source(Path path, long lines, long column) {

        String where(JsonLocation location) {
            if (location == null || location.getLineNr() < 1) {
                return "";
            }
            long line = location.getLineNr() + lines;
            long col = location.getLineNr() == 1 ? location.getColumnNr() + column : location.getColumnNr();
            return " line " + line + " column " + col;
        }
    }

    /** An input stream that ends after {@code limit} bytes of another. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /**
     * Reads the object the parser is at as a tree, except {@code primaryMetric.rawDataHistogram}, which goes into
     * {@code histogram[0]}, and the fields no report reads (see {@link #REPORTED}), which are skipped.
     */
    private static JsonNode element(Source file, JsonParser parser, SampleHistogram.Builder builder,
            SampleHistogram[] histogram) throws IOException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        for (String name = nextField(file, parser); name != null; name = nextField(file, parser)) {
            JsonToken value = parser.nextToken();
            if ("primaryMetric".equals(name) && value == JsonToken.START_OBJECT) {
                ObjectNode primary = node.putObject(name);
                for (String field = nextField(file, parser); field != null; field = nextField(file, parser)) {
                    if (parser.nextToken() == JsonToken.START_ARRAY && JmhHistogram.FIELD.equals(field)) {
                        histogram[0] = histogram(file, parser, builder);
                    } else {
                        primary.set(field, tree(file, parser));
                    }
                }
            } else if (!REPORTED.contains(name)) {
                // Side metrics (a third of a SampleTime cell), JVM details: no report reads them.
                parser.skipChildren();
            } else {
                node.set(name, tree(file, parser));
            }
        }
        return node;
    }

    /**
     * The value the parser is at, as a tree. Equivalent to {@code readTree} for the small values around the
     * histogram, without setting up a deserialization context for each one.
     */
    private static JsonNode tree(Source file, JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw at(file, parser.currentLocation(), "the file ends inside the array (truncated?)");
        }
        switch (token) {
            case START_OBJECT:
                ObjectNode object = nodes.objectNode();
                for (String name = nextField(file, parser); name != null; name = nextField(file, parser)) {
                    parser.nextToken();
                    object.set(name, tree(file, parser));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = nodes.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(tree(file, parser));
                }
                return array;
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw at(file, parser.currentTokenLocation(), "unexpected " + token);
        }
    }

    /** The next field name of the object being read, or null at its end. */
    private static String nextField(Source file, JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_OBJECT) {
            return null;
        }
        if (token == null) {
            throw at(file, parser.currentLocation(), "the file ends inside the array (truncated?)");
        }
        return parser.currentName();
    }

    /** {@code rawDataHistogram}, the parser at its opening bracket, read by {@link JmhHistogram}. */
    private static SampleHistogram histogram(Source file, JsonParser parser, SampleHistogram.Builder builder)
            throws IOException {
        try {
            JmhHistogram.read(parser, JmhHistogram.into(builder));
        } catch (HarnessException e) {
            throw at(file, parser.currentTokenLocation() != null ? parser.currentTokenLocation()
                    : parser.currentLocation(), e.getMessage());
        }
        return builder.build();
    }

    private static JournalEntry cell(int index, JsonNode jmh, Set<String> keys) {
        String benchmark = jmh.path("benchmark").asText("");
        String mode = jmh.path("mode").asText("");
        if (benchmark.isBlank() || mode.isBlank() || !jmh.path("primaryMetric").isObject()) {
            throw new HarnessException(
                    "is not a JMH result (it needs \"benchmark\", \"mode\" and \"primaryMetric\")");
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
        return new JournalEntry(Schemas.JOURNAL, index, unique, null, params, CellStatus.OK, null, null, null, null,
                null, null, null, null, jmh, null, null);
    }

    private static HarnessException at(Source file, JsonLocation location, String message) {
        return new HarnessException(file.path() + file.where(location) + ": " + message);
    }
}
