package dev.infbench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.CellStatus;
import dev.infbench.format.JournalEntry;
import dev.infbench.format.Json;
import dev.infbench.harness.metrics.Cell;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Journal entries and JMH results for tests. */
public final class TestCells {

    private TestCells() {
    }

    /** A JMH result object from {@code src/test/resources/jmh/<name>}. */
    public static JsonNode jmhFixture(String name) {
        try (InputStream in = TestCells.class.getResourceAsStream("/jmh/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A minimal SampleTime result: {@code samples} calls in one fork, mean and percentiles in ms as given. Only the
     * fields the harness reads; see {@code jmh/sample-time.json} for a complete one.
     */
    public static JsonNode sampleTime(long samples, double meanMs, double p50, double p90, double p99) {
        ObjectNode jmh = Json.MAPPER.createObjectNode();
        jmh.put("mode", "sample");
        jmh.put("threads", 1);
        jmh.put("forks", 1);
        ObjectNode primary = jmh.putObject("primaryMetric");
        primary.put("score", meanMs);
        ObjectNode percentiles = primary.putObject("scorePercentiles");
        percentiles.put("50.0", p50);
        percentiles.put("90.0", p90);
        percentiles.put("99.0", p99);
        percentiles.put("99.9", p99);
        primary.put("scoreUnit", "ms/op");
        ArrayNode bin = primary.putArray("rawDataHistogram").addArray().addArray().addArray();
        bin.add(p50).add(samples);
        return jmh;
    }

    /**
     * A SampleTime result of several forks (rounds): fork f's iteration i holds {@code callsPerIteration} calls, all
     * at {@code iterationMs[f][i]} ms. Score and percentiles are those of all calls together.
     */
    public static JsonNode rounds(int callsPerIteration, double[]... iterationMs) {
        ObjectNode jmh = Json.MAPPER.createObjectNode();
        jmh.put("mode", "sample");
        jmh.put("threads", 1);
        jmh.put("forks", iterationMs.length);
        ObjectNode primary = jmh.putObject("primaryMetric");
        java.util.List<Double> all = new java.util.ArrayList<>();
        ArrayNode histogram = primary.putArray("rawDataHistogram");
        for (double[] fork : iterationMs) {
            ArrayNode forkNode = histogram.addArray();
            for (double ms : fork) {
                forkNode.addArray().addArray().add(ms).add(callsPerIteration);
                for (int c = 0; c < callsPerIteration; c++) {
                    all.add(ms);
                }
            }
        }
        java.util.Collections.sort(all);
        primary.put("score", all.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        ObjectNode percentiles = primary.putObject("scorePercentiles");
        for (double q : new double[] {50.0, 90.0, 99.0, 99.9}) {
            percentiles.put(Double.toString(q), all.get((int) Math.max(0, Math.ceil(q / 100 * all.size()) - 1)));
        }
        primary.put("scoreUnit", "ms/op");
        return jmh;
    }

    /** Parameters in the given order from alternating names and values. */
    public static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    public static Cell measured(int index, Map<String, String> params, JsonNode jmh) {
        return entry(index, params, CellStatus.OK, null, 12.5, jmh);
    }

    public static Cell unmeasured(int index, Map<String, String> params, CellStatus status, String reason) {
        return entry(index, params, status, reason, null, null);
    }

    public static Cell entry(int index, Map<String, String> params, CellStatus status, String reason,
            Double wallSeconds, JsonNode jmh) {
        return Cell.of(new JournalEntry(dev.infbench.format.Schemas.JOURNAL, index, key(params), null, params, status,
                reason, status == CellStatus.PRUNED ? null : "2025-11-24T14:00:00Z", "2025-11-24T14:00:12Z",
                wallSeconds, null, null, null, "java -jar benchmarks.jar -p " + key(params), jmh, null, null));
    }

    public static String key(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
