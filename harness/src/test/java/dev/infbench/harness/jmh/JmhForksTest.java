package dev.infbench.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhForksTest {

    /** A real JMH 1.37 SampleTime result of two forks (reference run, MiniLM fp32 at batch 8 on one thread). */
    private static JsonNode twoForks() throws IOException {
        try (InputStream in = JmhForksTest.class.getResourceAsStream("/jmh/two-forks-sample.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    /** Fork {@code i} of a result, as JMH would have written it had it run that fork alone. */
    private static JsonNode fork(JsonNode result, int i) {
        ObjectNode one = result.deepCopy();
        one.put("forks", 1);
        ObjectNode primary = (ObjectNode) one.get("primaryMetric");
        primary.set("rawDataHistogram", single(result.path("primaryMetric").path("rawDataHistogram"), i));
        if (primary.has("rawData")) {
            primary.set("rawData", single(result.path("primaryMetric").path("rawData"), i));
        }
        for (Map.Entry<String, JsonNode> s : result.path("secondaryMetrics").properties()) {
            ((ObjectNode) one.get("secondaryMetrics").get(s.getKey())).set("rawData", single(s.getValue()
                    .path("rawData"), i));
        }
        // What the merge must recompute is scrambled here, so that nothing of the original leaks through.
        primary.put("score", -1).put("scoreError", -1);
        primary.putObject("scorePercentiles");
        return one;
    }

    private static ArrayNode single(JsonNode forks, int i) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        a.add(forks.get(i));
        return a;
    }

    @Test
    void twoSingleForkResultsMergeIntoWhatJmhWroteForTwoForks() throws IOException {
        JsonNode real = twoForks();
        JsonNode merged = JmhForks.merge(List.of(fork(real, 0), fork(real, 1)));

        JsonNode want = real.path("primaryMetric");
        JsonNode got = merged.path("primaryMetric");
        assertThat(merged.path("forks").asInt()).isEqualTo(2);
        assertThat(got.path("score").asDouble()).isCloseTo(want.path("score").asDouble(), within(1e-9));
        assertThat(got.path("scoreError").asDouble()).isCloseTo(want.path("scoreError").asDouble(), within(1e-9));
        for (int k = 0; k < 2; k++) {
            assertThat(got.path("scoreConfidence").get(k).asDouble())
                    .isCloseTo(want.path("scoreConfidence").get(k).asDouble(), within(1e-9));
        }
        List<String> keys = new ArrayList<>();
        want.path("scorePercentiles").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).hasSize(10);
        for (String key : keys) {
            assertThat(got.path("scorePercentiles").path(key).asDouble()).as("percentile " + key)
                    .isCloseTo(want.path("scorePercentiles").path(key).asDouble(), within(1e-9));
        }
        assertThat(got.path("rawDataHistogram")).isEqualTo(want.path("rawDataHistogram"));
        // JMH's per-percentile secondary results: the pooled percentile, and every fork's iteration values.
        for (Map.Entry<String, JsonNode> s : real.path("secondaryMetrics").properties()) {
            JsonNode g = merged.path("secondaryMetrics").path(s.getKey());
            assertThat(g.path("score").asDouble()).as(s.getKey())
                    .isCloseTo(s.getValue().path("score").asDouble(), within(1e-9));
            assertThat(g.path("scoreError").asText()).isEqualTo("NaN");
            assertThat(g.path("rawData")).isEqualTo(s.getValue().path("rawData"));
        }
        // And the harness reads the merge as it reads the original.
        assertThat(JmhHistogram.forks(merged)).hasSize(2);
    }

    @Test
    void oneForkIsItsOwnMerge() throws IOException {
        JsonNode f = fork(twoForks(), 0);
        assertThat(JmhForks.merge(List.of(f))).isSameAs(f);
    }

    @Test
    void iterationScoresOfOtherModesMergeAsJmhsListStatistics() throws IOException {
        JsonNode a = Json.MAPPER.readTree("""
                {"benchmark":"b","mode":"avgt","forks":1,"primaryMetric":{"score":2,"scoreUnit":"ms/op",
                "rawData":[[1.0,2.0,3.0]]},"secondaryMetrics":{}}""");
        JsonNode b = Json.MAPPER.readTree("""
                {"benchmark":"b","mode":"avgt","forks":1,"primaryMetric":{"score":5,"scoreUnit":"ms/op",
                "rawData":[[4.0,5.0,6.0]]},"secondaryMetrics":{}}""");
        JsonNode p = JmhForks.merge(List.of(a, b)).path("primaryMetric");

        assertThat(p.path("score").asDouble()).isEqualTo(3.5);
        // sd of 1..6 = 1.8708287; t(0.9995, 5) = 6.868827; error = t × sd / √6.
        assertThat(p.path("scoreError").asDouble()).isCloseTo(6.868827 * 1.8708287 / Math.sqrt(6), within(1e-5));
        // commons-math's legacy percentile: position p(n + 1) / 100 → the median of 1..6 is 3.5, p90 is 6.
        assertThat(p.path("scorePercentiles").path("50.0").asDouble()).isEqualTo(3.5);
        assertThat(p.path("scorePercentiles").path("90.0").asDouble()).isEqualTo(6.0);
        assertThat(p.path("rawData").size()).isEqualTo(2);
    }

    @Test
    void forksOfDifferentBenchmarksAreRefused() throws IOException {
        JsonNode a = Json.MAPPER.readTree("{\"benchmark\":\"a\",\"mode\":\"avgt\",\"primaryMetric\":{}}");
        JsonNode b = Json.MAPPER.readTree("{\"benchmark\":\"b\",\"mode\":\"avgt\",\"primaryMetric\":{}}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JmhForks.merge(List.of(a, b)))
                .hasMessageContaining("differ in benchmark");
    }
}
