package dev.infbench.harness.jmh;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.Json;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.stats.LatencyHistogram;
import dev.infbench.harness.stats.SampleHistogram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of JMH's {@code primaryMetric.rawDataHistogram}: forks → iterations → {@code [value, count]}
 * buckets, values in the result's score unit. It reads from a streaming parser (a report over a large JMH file) or
 * from a tree (a journal line), and hands the buckets to a {@link Sink} in reading order: what is kept of them is
 * the sink's business.
 */
public final class JmhHistogram {
    /** Where the buckets go, in the order the histogram holds them. */
    public interface Sink {
        /** The next fork begins. */
        void fork();

        /** The next iteration of the current fork begins. */
        void iteration();

        /** {@code count} calls of the current iteration took {@code value} (in the score unit). */
        void add(double value, long count);
    }

    /** The field of a JMH result's {@code primaryMetric} that holds the histogram. */
    public static final String FIELD = "rawDataHistogram";

    private JmhHistogram() {
    }

    /**
     * The calls of a SampleTime result, as a {@link SampleHistogram} in the score unit; null when the result holds no
     * histogram (other modes).
     */
    public static SampleHistogram sample(JsonNode jmh) {
        JsonNode raw = jmh.path("primaryMetric").path(FIELD);
        if (!raw.isArray()) {
            return null;
        }
        SampleHistogram.Builder builder = SampleHistogram.builder();
        read(raw, into(builder));
        return builder.build();
    }

    /**
     * Reads the histogram whose opening bracket the parser has just read. A malformed histogram is a
     * {@link HarnessException} whose message names what was expected; the parser is left at the offending token, so
     * the caller can add where it was.
     */
    public static void read(JsonParser parser, Sink sink) throws IOException {
        while (open(parser, "a fork")) {
            sink.fork();
            while (open(parser, "an iteration")) {
                sink.iteration();
                while (open(parser, "a [value, count] pair")) {
                    parser.nextToken();
                    double value = value(parser);
                    long count = count(parser);
                    if (parser.nextToken() != JsonToken.END_ARRAY) {
                        throw new HarnessException("rawDataHistogram entry is not a [value, count] pair");
                    }
                    sink.add(value, count);
                }
            }
        }
    }

    /** Reads a histogram held as a tree (the {@code rawDataHistogram} array); nothing when it is absent. */
    public static void read(JsonNode histogram, Sink sink) {
        if (histogram == null || !histogram.isArray()) {
            return;
        }
        try (JsonParser parser = histogram.traverse(Json.MAPPER)) {
            parser.nextToken();
            read(parser, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sink that fills {@code builder} (which keeps what the reports need of a histogram). */
    public static Sink into(SampleHistogram.Builder builder) {
        return new Sink() {
            @Override
            public void fork() {
                builder.fork();
            }

            @Override
            public void iteration() {
                builder.iteration();
            }

            @Override
            public void add(double value, long count) {
                builder.add(value, count);
            }
        };
    }

    /**
     * One histogram per fork of a JMH SampleTime result's {@code primaryMetric.rawDataHistogram}, values converted
     * from the score unit to milliseconds. Empty when the result is not SampleTime (other modes keep no per-call
     * data).
     *
     * @throws HarnessException if the histogram or its unit cannot be read
     */
    public static List<LatencyHistogram> forks(JsonNode jmh) {
        return read(jmh, true);
    }

    /**
     * One histogram per measurement iteration, all forks in turn: the unit of a run's own noise. Calls within an
     * iteration are not independent (a busy neighbour slows thousands of them at once), iterations much less so.
     * Iterations without calls are left out.
     */
    public static List<LatencyHistogram> iterations(JsonNode jmh) {
        return read(jmh, false).stream().filter(h -> h.count() > 0).toList();
    }

    private static List<LatencyHistogram> read(JsonNode jmh, boolean byFork) {
        if (jmh == null || !"sample".equals(jmh.path("mode").asText())) {
            return List.of();
        }
        JsonNode primary = jmh.path("primaryMetric");
        ScoreUnit unit = ScoreUnit.parse(primary.path("scoreUnit").asText(null));
        if (unit.throughput()) {
            throw new HarnessException("SampleTime result has score unit '" + primary.path("scoreUnit").asText()
                    + "', expected time per op");
        }
        double toMs = unit.millisPerTimeUnit();
        List<LatencyHistogram> parts = new ArrayList<>();
        List<LatencyHistogram.Bin> current = new ArrayList<>();
        read(primary.path(FIELD), new Sink() {
            private boolean started;

            @Override
            public void fork() {
                if (byFork) {
                    close();
                }
            }

            @Override
            public void iteration() {
                if (!byFork) {
                    close();
                }
            }

            @Override
            public void add(double value, long count) {
                current.add(new LatencyHistogram.Bin(value * toMs, count));
            }

            private void close() {
                if (started) {
                    parts.add(LatencyHistogram.of(current));
                    current.clear();
                }
                started = true;
            }
        });
        if (!parts.isEmpty() || !current.isEmpty() || primary.path(FIELD).size() > 0) {
            parts.add(LatencyHistogram.of(current));
        }
        return parts;
    }

    /** True at the start of the next nested array, false at the end of the enclosing one. */
    private static boolean open(JsonParser parser, String what) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_ARRAY) {
            return true;
        }
        if (token == JsonToken.END_ARRAY) {
            return false;
        }
        if (token == null) {
            throw new HarnessException("the file ends inside the array (truncated?)");
        }
        throw new HarnessException("rawDataHistogram: expected " + what + " ([...]), found " + token);
    }

    /** A bucket's count: a whole number of calls, usually written as a JSON integer. */
    private static long count(JsonParser parser) throws IOException {
        if (parser.nextToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long count = parser.getLongValue();
            if (count >= 0) {
                return count;
            }
        }
        return JmhNumbers.count(value(parser));
    }

    /** The number the parser is at: a JSON number, or one of JMH's strings such as {@code "NaN"}. */
    private static double value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            return JmhNumbers.number(parser.getText());
        }
        if (token == null) {
            throw new HarnessException("the file ends inside the array (truncated?)");
        }
        throw new HarnessException("rawDataHistogram entry is not a [value, count] pair");
    }
}
